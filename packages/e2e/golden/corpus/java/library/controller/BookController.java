package com.example.library.controller;

import com.example.library.domain.Book;
import com.example.library.dto.PageResponse;
import com.example.library.service.BookService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/books")
public class BookController {

    public record CreateBookRequest(
            @NotBlank @Pattern(regexp = "[0-9-]{13,17}") String isbn,
            @NotBlank String title,
            @NotBlank String author,
            Integer publishedYear) {
    }

    public record UpdateBookRequest(@NotBlank String title, @NotBlank String author) {
    }

    private final BookService bookService;

    public BookController(BookService bookService) {
        this.bookService = bookService;
    }

    @GetMapping
    public PageResponse<Book> list(@RequestParam(required = false) String q,
                                   @RequestParam(defaultValue = "0") int page,
                                   @RequestParam(defaultValue = "20") int size) {
        PageRequest pageable = PageRequest.of(page, Math.min(size, 100), Sort.by("title"));
        return PageResponse.from(bookService.search(q, pageable));
    }

    @GetMapping("/{id}")
    public Book get(@PathVariable Long id) {
        return bookService.getBook(id);
    }

    @PostMapping
    public ResponseEntity<Book> create(@Valid @RequestBody CreateBookRequest request) {
        Book created = bookService.addBook(request.isbn(), request.title(), request.author(), request.publishedYear());
        return ResponseEntity.created(URI.create("/api/books/" + created.getId())).body(created);
    }

    @PutMapping("/{id}")
    public Book update(@PathVariable Long id, @Valid @RequestBody UpdateBookRequest request) {
        return bookService.updateBook(id, request.title(), request.author());
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable Long id) {
        bookService.deleteBook(id);
        return ResponseEntity.noContent().build();
    }
}
