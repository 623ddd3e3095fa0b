package com.example.library.dto;

import java.util.List;
import java.util.function.Function;
import org.springframework.data.domain.Page;

/**
 * A stable JSON shape for paged lists, independent of Spring's Page serialisation:
 * {"items": [...], "page": 0, "size": 20, "totalItems": 134, "totalPages": 7, "hasNext": true}
 */
public record PageResponse<T>(List<T> items, int page, int size, long totalItems, int totalPages, boolean hasNext) {

    public static <T> PageResponse<T> from(Page<T> page) {
        return new PageResponse<>(
                page.getContent(),
                page.getNumber(),
                page.getSize(),
                page.getTotalElements(),
                page.getTotalPages(),
                page.hasNext());
    }

    public static <T, R> PageResponse<R> from(Page<T> page, Function<T, R> mapper) {
        List<R> mapped = page.getContent().stream().map(mapper).toList();
        return new PageResponse<>(mapped, page.getNumber(), page.getSize(),
                page.getTotalElements(), page.getTotalPages(), page.hasNext());
    }

    public static <T> PageResponse<T> empty(int size) {
        return new PageResponse<>(List.of(), 0, size, 0L, 0, false);
    }
}
