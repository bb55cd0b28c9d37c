package io.kronforce.controller.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Set;

/**
 * Headers on every response: upstream's security headers, and CORS only for origins on the
 * configured allow-list (upstream allows every origin; we allow none by default).
 */
public final class ResponseHeaders implements Filter {
    private final Set<String> allowedOrigins;

    public ResponseHeaders(Set<String> allowedOrigins) {
        this.allowedOrigins = Set.copyOf(allowedOrigins);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        res.header("X-Frame-Options", "DENY");
        res.header("X-Content-Type-Options", "nosniff");
        res.header("Referrer-Policy", "strict-origin-when-cross-origin");
        var origin = req.headers().first(HeaderNames.ORIGIN);
        if (origin.isPresent() && (allowedOrigins.contains(origin.get()) || allowedOrigins.contains("*"))) {
            res.header("Access-Control-Allow-Origin", origin.get());
            res.header("Vary", "Origin");
            res.header(
                    "Access-Control-Expose-Headers",
                    "Mcp-Session-Id, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining");
            if (req.prologue().method() == Method.OPTIONS) {
                res.header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
                res.header(
                        "Access-Control-Allow-Headers",
                        "Authorization, Content-Type, Mcp-Session-Id, MCP-Protocol-Version, Last-Event-ID");
                res.header("Access-Control-Max-Age", "600");
                res.status(Status.NO_CONTENT_204).send();
                return;
            }
        }
        chain.proceed();
    }
}
