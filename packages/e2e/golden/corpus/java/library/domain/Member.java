package com.example.library.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** A library card holder. The tier decides how many books they may borrow at once. */
@Entity
@Table(name = "members")
public class Member {

    public enum Tier {
        BASIC(3, 14), PREMIUM(10, 28), STAFF(20, 60);

        private final int maxActiveLoans;
        private final int loanDays;

        Tier(int maxActiveLoans, int loanDays) {
            this.maxActiveLoans = maxActiveLoans;
            this.loanDays = loanDays;
        }

        public int maxActiveLoans() { return maxActiveLoans; }
        public int loanDays() { return loanDays; }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true)
    private String email;

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    private Tier tier = Tier.BASIC;

    private LocalDate suspendedUntil;

    protected Member() {
    }

    public Member(String email, String name, Tier tier) {
        this.email = email;
        this.name = name;
        this.tier = tier;
    }

    /** A member whose suspension ends today may borrow again today. */
    public boolean isSuspended(LocalDate today) {
        return suspendedUntil != null && suspendedUntil.isAfter(today);
    }

    public void suspendUntil(LocalDate date) {
        this.suspendedUntil = date;
    }

    public Long getId() { return id; }
    public String getEmail() { return email; }
    public String getName() { return name; }
    public Tier getTier() { return tier; }
    public LocalDate getSuspendedUntil() { return suspendedUntil; }
}
