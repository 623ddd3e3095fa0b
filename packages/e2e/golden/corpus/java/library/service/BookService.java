package com.example.library.service;

import com.example.library.domain.Book;
import com.example.library.exception.DuplicateResourceException;
import com.example.library.exception.ResourceNotFoundException;
import com.example.library.repository.BookRepository;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional(readOnly = true)
public class BookService {

    private final BookRepository bookRepository;

    public BookService(BookRepository bookRepository) {
        this.bookRepository = bookRepository;
    }

    @Cacheable(cacheNames = "books", key = "#id")
    public Book getBook(Long id) {
        return bookRepository.findById(id)
                .orElseThrow(() -> new ResourceNotFoundException("Book", id));
    }

    public Page<Book> search(String keyword, Pageable pageable) {
        if (keyword == null || keyword.isBlank()) {
            return bookRepository.findAll(pageable);
        }
        return bookRepository.findByTitleContainingIgnoreCaseOrAuthorContainingIgnoreCase(keyword, keyword, pageable);
    }

    @Transactional
    public Book addBook(String isbn, String title, String author, Integer publishedYear) {
        String normalized = isbn.replace("-", "").trim();
        if (!isValidIsbn13(normalized)) {
            throw new IllegalArgumentException("invalid ISBN-13: " + isbn);
        }
        if (bookRepository.existsByIsbnAndTitle(normalized, title)) {
            throw new DuplicateResourceException("Book", normalized);
        }
        return bookRepository.save(new Book(normalized, title, author, publishedYear));
    }

    @Transactional
    @CacheEvict(cacheNames = "books", key = "#id")
    public Book updateBook(Long id, String title, String author) {
        Book book = getBook(id);
        book.setTitle(title);
        book.setAuthor(author);
        return book;
    }

    @Transactional
    @CacheEvict(cacheNames = "books", key = "#id")
    public void deleteBook(Long id) {
        Book book = getBook(id);
        if (!book.isAvailable()) {
            throw new IllegalStateException("cannot delete a book that is on loan or reserved");
        }
        bookRepository.delete(book);
    }

    /** ISBN-13 check digit: weights alternate 1 and 3, the sum must be divisible by 10. */
    static boolean isValidIsbn13(String isbn) {
        if (isbn.length() != 13 || !isbn.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 13; i++) {
            int digit = isbn.charAt(i) - '0';
            sum += (i % 2 == 0) ? digit : digit * 3;
        }
        return sum % 10 == 0;
    }
}
