package com.example.library.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A title in the catalogue. One Book row per physical copy; copies of the same
 * edition share an ISBN.
 */
@Entity
@Table(name = "books")
public class Book {

    public enum Status { AVAILABLE, ON_LOAN, RESERVED, LOST }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 13)
    private String isbn;

    @Column(nullable = false)
    private String title;

    @Column(nullable = false)
    private String author;

    private Integer publishedYear;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status = Status.AVAILABLE;

    /** Optimistic locking: two librarians lending the same copy at once must not both succeed. */
    @Version
    private long version;

    protected Book() {
    }

    public Book(String isbn, String title, String author, Integer publishedYear) {
        this.isbn = isbn;
        this.title = title;
        this.author = author;
        this.publishedYear = publishedYear;
    }

    public boolean isAvailable() {
        return status == Status.AVAILABLE;
    }

    public void markOnLoan() {
        if (!isAvailable()) {
            throw new IllegalStateException("book " + id + " is not available: " + status);
        }
        status = Status.ON_LOAN;
    }

    public void markReturned() {
        status = Status.AVAILABLE;
    }

    public Long getId() { return id; }
    public String getIsbn() { return isbn; }
    public String getTitle() { return title; }
    public String getAuthor() { return author; }
    public Integer getPublishedYear() { return publishedYear; }
    public Status getStatus() { return status; }

    public void setTitle(String title) { this.title = title; }
    public void setAuthor(String author) { this.author = author; }
}
