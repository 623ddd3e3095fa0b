package com.example.library.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;

import com.example.library.domain.Book;
import com.example.library.domain.Loan;
import com.example.library.domain.Member;
import com.example.library.exception.LoanLimitExceededException;
import com.example.library.repository.BookRepository;
import com.example.library.repository.LoanRepository;
import com.example.library.repository.MemberRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class LoanServiceTest {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private final Clock clock = Clock.fixed(Instant.parse("2024-03-10T01:00:00Z"), SEOUL);

    @Mock LoanRepository loanRepository;
    @Mock BookRepository bookRepository;
    @Mock MemberRepository memberRepository;

    private LoanService loanService;

    @BeforeEach
    void setUp() {
        loanService = new LoanService(loanRepository, bookRepository, memberRepository, clock);
    }

    @Test
    void lateFeeIsZeroWhenReturnedOnTime() {
        LocalDate due = LocalDate.of(2024, 3, 10);
        assertThat(LoanService.calculateLateFee(due, due)).isZero();
        assertThat(LoanService.calculateLateFee(due, due.minusDays(3))).isZero();
    }

    @Test
    void lateFeeGrowsPerDayAndIsCapped() {
        LocalDate due = LocalDate.of(2024, 3, 1);
        assertThat(LoanService.calculateLateFee(due, due.plusDays(3))).isEqualTo(600L);
        assertThat(LoanService.calculateLateFee(due, due.plusDays(365))).isEqualTo(10_000L);
    }

    @Test
    void borrowingBeyondTierLimitIsRejected() {
        Member member = new Member("kim@example.com", "김민수", Member.Tier.BASIC);
        when(memberRepository.findById(1L)).thenReturn(Optional.of(member));
        when(loanRepository.countByMemberIdAndReturnedAtIsNull(1L)).thenReturn(3L);

        assertThatThrownBy(() -> loanService.borrowBook(1L, 42L))
                .isInstanceOf(LoanLimitExceededException.class);
    }

    @Test
    void borrowSetsDueDateFromTier() {
        Member member = new Member("lee@example.com", "이서연", Member.Tier.PREMIUM);
        Book book = new Book("9788966262281", "클린 코드", "Robert C. Martin", 2013);
        when(memberRepository.findById(2L)).thenReturn(Optional.of(member));
        when(loanRepository.countByMemberIdAndReturnedAtIsNull(2L)).thenReturn(0L);
        when(bookRepository.findById(7L)).thenReturn(Optional.of(book));
        when(loanRepository.save(any(Loan.class))).thenAnswer(inv -> inv.getArgument(0));

        Loan loan = loanService.borrowBook(2L, 7L);

        assertThat(loan.getDueDate()).isEqualTo(LocalDate.of(2024, 4, 7));
        assertThat(book.getStatus()).isEqualTo(Book.Status.ON_LOAN);
    }
}
