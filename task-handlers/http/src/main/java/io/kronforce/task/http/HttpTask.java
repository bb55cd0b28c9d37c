package io.kronforce.task.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Configuration of an {@code http} task, bound from the job's task JSON.
 *
 * <p>Component names are the wire field names (snake_case) because the host binds JSON by them.
 *
 * @param method {@code get}, {@code post}, {@code put} or {@code delete}, any case; {@code null} means GET
 * @param url absolute {@code http} or {@code https} URL
 * @param headers request headers in order; never {@code null} after construction
 * @param body request body sent as UTF-8, or {@code null} for none
 * @param expect_status the status that counts as success, or {@code null} for any 2xx
 * @param connection a named connection the host fills the task from before the run (its
 *     {@code base_url} goes before a {@code url} that starts with {@code /}); {@code null} for none
 */
public record HttpTask(
        String method, String url, Map<String, String> headers, String body, Integer expect_status, String connection) {

    public HttpTask {
        // Not Map.copyOf: keep the caller's order and let check() report null values instead of crashing.
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }
}
