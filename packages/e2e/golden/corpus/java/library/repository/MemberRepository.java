package com.example.library.repository;

import com.example.library.domain.Member;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface MemberRepository extends JpaRepository<Member, Long> {

    Optional<Member> findByEmailIgnoreCase(String email);

    boolean existsByEmailIgnoreCase(String email);

    Page<Member> findByNameContainingIgnoreCase(String name, Pageable pageable);

    List<Member> findByTier(Member.Tier tier);

    /** Members who still have at least one book out past its due date. */
    @Query("""
            select distinct m from Member m
            join Loan l on l.member = m
            where l.returnedAt is null and l.dueDate < :today
            """)
    List<Member> findMembersWithOverdueLoans(@Param("today") LocalDate today);

    /** Lift every suspension that has ended; returns the number of members updated. */
    @Modifying
    @Query("update Member m set m.suspendedUntil = null where m.suspendedUntil <= :today")
    int clearExpiredSuspensions(@Param("today") LocalDate today);
}
