package io.kronforce.task.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.task.ConfigViolation;
import io.kronforce.task.EgressDeniedException;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.Stops;
import io.kronforce.task.TaskContext;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.TaskOutcome;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Runs an {@code mcp} task (docs/reference/mcp.md#the-mcp-task): a fresh session per run, {@code initialize}, then one
 * {@code tools/call}. The result's content becomes stdout (text as is, other kinds as a one-line
 * marker); {@code isError} fails the run with the text on stderr; a JSON-RPC error fails it
 * with {@code tool error: …} (exit 1); a failed handshake fails with exit −1, as upstream. Unlike
 * upstream, every request passes the egress policy (no calls to private addresses unless
 * allowed), and the current protocol revisions are spoken as well as 2024-11-05. Thread-safe.
 */
public final class McpTaskHandler implements TaskHandler<McpTask> {
    /** Bound on a request when the job has no timeout: an MCP tool call is not meant to run for hours. */
    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(10);

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** Headers the client owns: the transport sets them, a task may not. */
    private static final Set<String> OWN_HEADERS = Set.of(
            "connection",
            "content-length",
            "expect",
            "host",
            "upgrade",
            "content-type",
            "accept",
            "mcp-session-id",
            "mcp-protocol-version");

    private static final ObjectMapper JSON = McpSession.JSON;

    private final EgressPolicy egress;

    public McpTaskHandler(HandlerSettings settings) {
        this.egress = Objects.requireNonNull(settings.egress(), "egress");
    }

    @Override
    public String type() {
        return "mcp";
    }

    @Override
    public Class<McpTask> configType() {
        return McpTask.class;
    }

    @Override
    public List<ConfigViolation> check(McpTask task) {
        List<ConfigViolation> problems = new ArrayList<>();
        if (!isWebUrl(task.server_url())) {
            problems.add(new ConfigViolation("/server_url", "server_url must be an absolute http or https URL"));
        }
        if (task.tool() == null || task.tool().isBlank()) {
            problems.add(new ConfigViolation("/tool", "tool is required"));
        }
        if (task.arguments() != null
                && !task.arguments().isNull()
                && !task.arguments().isObject()) {
            problems.add(new ConfigViolation("/arguments", "arguments must be a JSON object"));
        }
        task.headers().forEach((name, value) -> {
            String pointer = "/headers/" + name.replace("~", "~0").replace("/", "~1");
            if (!TOKEN.matcher(name).matches() || OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                problems.add(new ConfigViolation(pointer, "header '" + name + "' cannot be set on an MCP call"));
            } else if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                problems.add(new ConfigViolation(pointer, "header value must be one line of text"));
            }
        });
        return List.copyOf(problems);
    }

    @Override
    public TaskOutcome run(McpTask task, TaskContext ctx) throws InterruptedException {
        List<ConfigViolation> problems = check(task);
        if (!problems.isEmpty()) {
            return new TaskOutcome.Failed(
                    null,
                    "invalid mcp task: " + problems.get(0).pointer() + " "
                            + problems.get(0).message(),
                    false);
        }
        Duration timeout = Stops.budget(ctx, DEFAULT_REQUEST_TIMEOUT);
        try (HttpClient client = HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(timeout)
                        .build();
                McpSession session =
                        new McpSession(client, URI.create(task.server_url()), task.headers(), egress, timeout)) {
            try {
                session.initialize();
            } catch (EgressDeniedException e) {
                throw e;
            } catch (IOException | McpSession.RpcError e) {
                Stops.throwIfStopped(ctx);
                return new TaskOutcome.Failed(
                        -1, "MCP handshake with " + hostOf(task) + " failed: " + Stops.causes(e), true);
            }
            return call(session, task, ctx);
        } catch (EgressDeniedException e) {
            return new TaskOutcome.Failed(-1, e.getMessage(), false);
        }
    }

    private TaskOutcome call(McpSession session, McpTask task, TaskContext ctx)
            throws InterruptedException, EgressDeniedException {
        ObjectNode params = JSON.createObjectNode().put("name", task.tool());
        params.set(
                "arguments",
                task.arguments() == null || task.arguments().isNull() ? JSON.createObjectNode() : task.arguments());
        JsonNode result;
        try {
            result = session.request(3, "tools/call", params);
        } catch (McpSession.RpcError e) {
            return new TaskOutcome.Failed(1, "tool error: " + e.getMessage(), false);
        } catch (EgressDeniedException e) {
            throw e;
        } catch (IOException e) {
            Stops.throwIfStopped(ctx);
            return new TaskOutcome.Failed(1, "MCP call to " + hostOf(task) + " failed: " + Stops.causes(e), true);
        }
        String text = ToolResults.text(result);
        if (result.path("isError").asBoolean(false)) {
            return new TaskOutcome.Failed(1, text.isEmpty() ? "tool reported an error" : text.strip(), false);
        }
        ctx.output().stdout(text);
        return TaskOutcome.Succeeded.withExitCode(0);
    }

    private static String hostOf(McpTask task) {
        return URI.create(task.server_url()).getHost(); // never the path or query, which may carry a token
    }

    private static boolean isWebUrl(String url) {
        if (url == null || url.isBlank()) {
            return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
