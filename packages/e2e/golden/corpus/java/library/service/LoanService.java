package com.example.library.service;

import com.example.library.domain.Book;
import com.example.library.domain.Loan;
import com.example.library.domain.Member;
import com.example.library.exception.LoanLimitExceededException;
import com.example.library.exception.ResourceNotFoundException;
import com.example.library.repository.BookRepository;
import com.example.library.repository.LoanRepository;
import com.example.library.repository.MemberRepository;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 대출/반납 처리 서비스.
 * 회원 등급별 대출 한도를 확인하고, 반납이 늦으면 연체료를 부과한다.
 */
@Service
public class LoanService {

    /** 하루 연체료 (원) */
    static final long LATE_FEE_PER_DAY = 200L;
    /** 연체료 상한 (원) */
    static final long MAX_LATE_FEE = 10_000L;

    private final LoanRepository loanRepository;
    private final BookRepository bookRepository;
    private final MemberRepository memberRepository;
    private final Clock clock;

    public LoanService(LoanRepository loanRepository, BookRepository bookRepository,
                       MemberRepository memberRepository, Clock clock) {
        this.loanRepository = loanRepository;
        this.bookRepository = bookRepository;
        this.memberRepository = memberRepository;
        this.clock = clock;
    }

    @Transactional
    public Loan borrowBook(Long memberId, Long bookId) {
        LocalDate today = LocalDate.now(clock);
        Member member = memberRepository.findById(memberId)
                .orElseThrow(() -> new ResourceNotFoundException("Member", memberId));
        if (member.isSuspended(today)) {
            throw new IllegalStateException("회원 " + memberId + " 은(는) " + member.getSuspendedUntil() + " 까지 대출 정지 상태입니다");
        }
        // 등급별 동시 대출 한도 확인
        long active = loanRepository.countByMemberIdAndReturnedAtIsNull(memberId);
        if (active >= member.getTier().maxActiveLoans()) {
            throw new LoanLimitExceededException(memberId, member.getTier().maxActiveLoans());
        }
        Book book = bookRepository.findById(bookId)
                .orElseThrow(() -> new ResourceNotFoundException("Book", bookId));
        book.markOnLoan();
        LocalDate dueDate = today.plusDays(member.getTier().loanDays());
        return loanRepository.save(new Loan(member, book, today, dueDate));
    }

    @Transactional
    public Loan returnBook(Long bookId) {
        LocalDate today = LocalDate.now(clock);
        Loan loan = loanRepository.findByBookIdAndReturnedAtIsNull(bookId)
                .orElseThrow(() -> new ResourceNotFoundException("open Loan for book", bookId));
        loan.setReturnedAt(today);
        loan.getBook().markReturned();
        long lateFee = calculateLateFee(loan.getDueDate(), today);
        if (lateFee > 0) {
            loan.setLateFee(lateFee);
            // 연체일 수만큼 추가 대출 정지
            long daysLate = ChronoUnit.DAYS.between(loan.getDueDate(), today);
            loan.getMember().suspendUntil(today.plusDays(daysLate));
        }
        return loan;
    }

    /** 반납 예정일이 지났는데 아직 반납되지 않은 대출 목록 */
    @Transactional(readOnly = true)
    public List<Loan> findOverdueLoans() {
        return loanRepository.findByReturnedAtIsNullAndDueDateBefore(LocalDate.now(clock));
    }

    static long calculateLateFee(LocalDate dueDate, LocalDate returnedOn) {
        long daysLate = ChronoUnit.DAYS.between(dueDate, returnedOn);
        if (daysLate <= 0) {
            return 0L;
        }
        return Math.min(daysLate * LATE_FEE_PER_DAY, MAX_LATE_FEE);
    }
}
