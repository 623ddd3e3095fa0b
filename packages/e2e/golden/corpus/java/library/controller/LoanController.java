package com.example.library.controller;

import com.example.library.domain.Loan;
import com.example.library.service.LoanService;
import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Checkout desk endpoints: lend a copy to a member, take it back, list overdue loans. */
@RestController
@RequestMapping("/api/loans")
public class LoanController {

    public record LoanView(Long loanId, Long bookId, String title, String dueDate, Long lateFee) {
        static LoanView of(Loan loan) {
            return new LoanView(loan.getId(), loan.getBook().getId(), loan.getBook().getTitle(),
                    loan.getDueDate().toString(), loan.getLateFee());
        }
    }

    private final LoanService loanService;

    public LoanController(LoanService loanService) {
        this.loanService = loanService;
    }

    @PostMapping("/members/{memberId}/books/{bookId}")
    @ResponseStatus(HttpStatus.CREATED)
    public LoanView checkout(@PathVariable Long memberId, @PathVariable Long bookId) {
        return LoanView.of(loanService.borrowBook(memberId, bookId));
    }

    @PostMapping("/books/{bookId}/return")
    public LoanView checkin(@PathVariable Long bookId) {
        return LoanView.of(loanService.returnBook(bookId));
    }

    @GetMapping("/overdue")
    @PreAuthorize("hasRole('LIBRARIAN')")
    public List<LoanView> overdue(Principal librarian) {
        return loanService.findOverdueLoans().stream().map(LoanView::of).toList();
    }
}
