package io.kronforce.controller.domain;

/** Which page to read: page from 1, at most 100 per page. */
public record PageRequest(int page, int perPage) {
    public static final int MAX_PER_PAGE = 100;

    public PageRequest {
        page = Math.max(1, page);
        perPage = Math.clamp(perPage, 1, MAX_PER_PAGE);
    }

    public long offset() {
        return (long) (page - 1) * perPage;
    }

    public <T> Page<T> of(java.util.List<T> rows, long total) {
        return new Page<>(rows, total, page, perPage);
    }
}
