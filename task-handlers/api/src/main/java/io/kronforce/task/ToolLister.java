package io.kronforce.task;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Optional plug-in: lists the tools an external tool server offers, for the job editor
 * ({@code GET /api/mcp/tools}). The module that speaks the protocol provides it (the {@code mcp}
 * handler), so the controller stays free of protocol code. Found through ServiceLoader via
 * {@link Provider}; every call must pass the {@link EgressPolicy} of the settings it was made with.
 */
public interface ToolLister {

    /**
     * The server's tool list.
     *
     * @return the {@code tools} array as JSON text
     * @throws IOException when the server cannot be reached or answers with an error
     */
    String listTools(URI serverUrl, Map<String, String> headers, Duration timeout)
            throws IOException, InterruptedException;

    /** ServiceLoader entry point. */
    interface Provider {
        ToolLister create(HandlerSettings settings);
    }
}
