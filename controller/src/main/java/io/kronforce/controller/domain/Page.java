package io.kronforce.controller.domain;

import java.util.List;
import java.util.function.Function;

/** One page of a list, with upstream's wrapper fields. */
public record Page<T>(List<T> data, long total, int page, int perPage) {

    public int totalPages() {
        return total == 0 ? 1 : (int) ((total + perPage - 1) / perPage);
    }

    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(data.stream().map(f).toList(), total, page, perPage);
    }

    public long offset() {
        return (long) (page - 1) * perPage;
    }
}
