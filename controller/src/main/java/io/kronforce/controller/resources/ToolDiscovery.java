package io.kronforce.controller.resources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kronforce.controller.domain.JsonMapping;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.ToolLister;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * {@code GET /api/mcp/tools} (docs/reference/rest.md#mcp): the tools an external MCP server offers, for building
 * an {@code mcp} task. The protocol is the installed {@link ToolLister}'s (the mcp handler
 * module); calls pass the egress policy, answer within {@value #TIMEOUT_SECS} s or fail with 400,
 * and errors name the host only (a path or query may carry a key). Thread-safe.
 */
public final class ToolDiscovery {
    static final int TIMEOUT_SECS = 15;
    private static final ObjectMapper JSON = JsonMapping.MAPPER;

    private final Optional<ToolLister> lister;

    public ToolDiscovery(HandlerSettings settings) {
        this.lister = ServiceLoader.load(ToolLister.Provider.class).findFirst().map(p -> p.create(settings));
    }

    /** The server's {@code tools} array. */
    public JsonNode tools(String serverUrl) {
        URI uri = webUrl(serverUrl);
        ToolLister found = lister.orElseThrow(
                () -> new KronforceException.InvalidInput("no MCP client is installed in this controller"));
        try {
            return JSON.readTree(found.listTools(uri, Map.of(), Duration.ofSeconds(TIMEOUT_SECS)));
        } catch (JsonProcessingException e) {
            throw new KronforceException.InvalidInput("MCP server " + uri.getHost() + " answered with broken JSON");
        } catch (IOException e) {
            throw new KronforceException.InvalidInput(
                    "could not list the tools of MCP server " + uri.getHost() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KronforceException.InvalidInput("interrupted while listing the tools of " + uri.getHost());
        }
    }

    private static URI webUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new KronforceException.InvalidInput("/server_url", "server_url is required");
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new KronforceException.InvalidInput("/server_url", "server_url must be an absolute http or https URL");
    }
}
