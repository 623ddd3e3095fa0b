package com.example.library.repository;

import com.example.library.domain.Loan;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface LoanRepository extends JpaRepository<Loan, Long> {

    Optional<Loan> findByBookIdAndReturnedAtIsNull(Long bookId);

    long countByMemberIdAndReturnedAtIsNull(Long memberId);

    List<Loan> findByMemberIdOrderByBorrowedAtDesc(Long memberId);

    /** Open loans whose due date has passed. */
    List<Loan> findByReturnedAtIsNullAndDueDateBefore(LocalDate date);

    /** Open loans due exactly on the given day, used for the reminder one day ahead. */
    List<Loan> findByReturnedAtIsNullAndDueDate(LocalDate date);

    @Query("select coalesce(sum(l.lateFee), 0) from Loan l where l.member.id = :memberId and l.feePaid = false")
    long sumUnpaidLateFees(@Param("memberId") Long memberId);
}
