package io.kronforce.controller.mcp;

import static io.kronforce.controller.domain.Access.READ;
import static io.kronforce.controller.mcp.McpHttp.fail;
import static io.kronforce.controller.mcp.McpHttp.parse;
import static io.kronforce.controller.mcp.McpHttp.reply;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import io.kronforce.controller.agents.AgentRuntime;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.executions.ExecutionControl;
import io.kronforce.controller.firing.FirePreview;
import io.kronforce.controller.jobs.Groups;
import io.kronforce.controller.jobs.JobCatalog;
import io.kronforce.controller.journal.Journals;
import io.kronforce.controller.system.SystemStatus;
import io.kronforce.controller.views.JobViews;
import io.kronforce.controller.web.FrontDoor;
import io.kronforce.controller.web.Routes;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /mcp} over the Streamable HTTP transport: POST carries one JSON-RPC message, GET opens the
 * session's server stream, DELETE ends the session. Authentication and the role check are the
 * route table's (any user role; agent keys are refused as on every user route). This class owns
 * the transport rules: Origin, Accept, session and protocol-version headers, status codes; the
 * bytes in and out are {@link McpHttp}'s.
 */
public final class McpEndpoint implements FrontDoor {
    static final HeaderName SESSION = HeaderNames.create("Mcp-Session-Id");
    static final HeaderName VERSION = HeaderNames.create("MCP-Protocol-Version");
    private static final Duration PING = Duration.ofSeconds(15);

    private final McpServer server;
    private final McpSessions sessions;
    private final Origins origins;

    /**
     * @param sessionIdle    how long an unused session lives
     * @param allowedOrigins browser origins allowed besides loopback ({@code KRONFORCE_CORS_ORIGINS})
     */
    public record Settings(Duration sessionIdle, Set<String> allowedOrigins) {}

    McpEndpoint(McpServer server, McpSessions sessions, Origins origins) {
        this.server = server;
        this.sessions = sessions;
        this.origins = origins;
    }

    /** The use cases the MCP tools, resources and prompts call: the same ones REST calls. */
    public record UseCases(
            JobCatalog jobs,
            JobViews jobViews,
            ExecutionControl executions,
            FirePreview preview,
            Groups groups,
            Journals journals,
            SystemStatus system,
            AgentRuntime workers) {}

    /** The endpoint over the same use cases REST calls. */
    public static McpEndpoint create(UseCases s, Settings settings, InstantSource clock) {
        ToolCatalog tools = new ToolCatalog(java.util.stream.Stream.of(
                        new JobTools(s.jobs(), s.jobViews(), s.preview()).tools(),
                        new RunTools(s.jobs(), s.executions()).tools(),
                        new SystemTools(
                                        s.groups(),
                                        s.journals(),
                                        s.system(),
                                        s.workers().agents())
                                .tools())
                .flatMap(List::stream)
                .toList());
        McpServer server = new McpServer(
                tools,
                new McpResources(s.jobs(), s.jobViews(), s.executions()),
                new McpPrompts(s.jobs(), s.executions()));
        return new McpEndpoint(
                server, new McpSessions(settings.sessionIdle(), clock), new Origins(settings.allowedOrigins()));
    }

    @Override
    public void register(Routes routes) {
        routes.post("/mcp", READ, this::post).get("/mcp", READ, this::stream).delete("/mcp", READ, this::end);
    }

    private void post(ServerRequest req, ServerResponse res, Principal who) {
        if (refusedOrigin(req, res)) {
            return;
        }
        Accepts accepts = Accepts.of(req.headers().first(HeaderNames.ACCEPT).orElse(null));
        if (!accepts.json() && !accepts.sse()) {
            fail(res, 406, Rpc.INVALID_REQUEST, "Not Acceptable: accept application/json or text/event-stream");
            return;
        }
        if (!req.headers()
                .first(HeaderNames.CONTENT_TYPE)
                .orElse("")
                .toLowerCase(java.util.Locale.ROOT)
                .startsWith("application/json")) {
            fail(res, 415, Rpc.INVALID_REQUEST, "Unsupported Media Type: send application/json");
            return;
        }
        Optional<JsonNode> parsed = parse(req, res);
        if (parsed.isEmpty()) {
            return;
        }
        Message msg = Message.of(parsed.get());
        if (msg.problem() != null) {
            fail(res, 400, msg.id(), Rpc.INVALID_REQUEST, msg.problem());
            return;
        }
        if (msg.isInitialize()) {
            initialize(res, who, msg, accepts);
            return;
        }
        Optional<McpSessions.Session> session = session(req, res, who);
        if (session.isEmpty()) {
            return;
        }
        if (!msg.isRequest()) {
            res.status(Status.ACCEPTED_202).send(); // notifications and the client's responses
            return;
        }
        res.header(SESSION, session.get().id());
        reply(res, accepts, server.answer(who, msg.body()));
    }

    private void initialize(ServerResponse res, Principal who, Message msg, Accepts accepts) {
        JsonNode params = msg.body().path("params");
        if (!params.isObject() || !params.path("protocolVersion").isTextual()) {
            fail(res, 400, msg.id(), Rpc.INVALID_PARAMS, "initialize needs params.protocolVersion");
            return;
        }
        String version = McpServer.negotiate(params);
        McpSessions.Session session = sessions.open(who.keyId(), version);
        res.header(SESSION, session.id());
        reply(res, accepts, Rpc.result(msg.id(), McpServer.initializeResult(version)));
    }

    /** The server stream: this server sends no unsolicited messages, so it carries keep-alive pings until the session ends. */
    private void stream(ServerRequest req, ServerResponse res, Principal who) {
        if (refusedOrigin(req, res)) {
            return;
        }
        if (!Accepts.of(req.headers().first(HeaderNames.ACCEPT).orElse(null)).sse()) {
            fail(res, 406, Rpc.INVALID_REQUEST, "Not Acceptable: the server stream is text/event-stream");
            return;
        }
        Optional<McpSessions.Session> session = session(req, res, who);
        if (session.isEmpty()) {
            return;
        }
        res.header(SESSION, session.get().id());
        try (SseSink sink = res.sink(SseSink.TYPE)) {
            sink.emit(SseEvent.builder().comment("stream open").build());
            while (!session.get().awaitEnd(PING) && sessions.alive(session.get())) {
                sink.emit(SseEvent.builder().comment("ping").build());
            }
        } catch (RuntimeException clientGone) {
            // The client closed the stream; the session itself is unaffected.
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt(); // the server is stopping: the stream just ends
        }
    }

    private void end(ServerRequest req, ServerResponse res, Principal who) {
        if (refusedOrigin(req, res)) {
            return;
        }
        Optional<String> id = req.headers().first(SESSION);
        if (id.isEmpty()) {
            fail(res, 400, Rpc.INVALID_REQUEST, "Mcp-Session-Id header is required");
        } else if (sessions.end(id.get(), who.keyId())) {
            res.status(Status.NO_CONTENT_204).send();
        } else {
            fail(res, 404, Rpc.SESSION_NOT_FOUND, "Session not found");
        }
    }

    /** The caller's live session, or the error already sent: 400 without the header, 404 for an unknown one. */
    private Optional<McpSessions.Session> session(ServerRequest req, ServerResponse res, Principal who) {
        Optional<String> id = req.headers().first(SESSION);
        if (id.isEmpty()) {
            fail(res, 400, Rpc.INVALID_REQUEST, "Mcp-Session-Id header is required (send initialize first)");
            return Optional.empty();
        }
        Optional<McpSessions.Session> session = sessions.find(id.get(), who.keyId());
        if (session.isEmpty()) {
            fail(res, 404, Rpc.SESSION_NOT_FOUND, "Session not found: initialize a new session");
            return Optional.empty();
        }
        Optional<String> version = req.headers().first(VERSION);
        if (version.isPresent() && !version.get().equals(session.get().protocolVersion())) {
            fail(
                    res,
                    400,
                    Rpc.INVALID_REQUEST,
                    "Unsupported MCP-Protocol-Version '" + version.get() + "': this session speaks "
                            + session.get().protocolVersion());
            return Optional.empty();
        }
        return session;
    }

    private boolean refusedOrigin(ServerRequest req, ServerResponse res) {
        String origin = req.headers().first(HeaderNames.ORIGIN).orElse(null);
        if (origins.allows(origin)) {
            return false;
        }
        fail(res, 403, Rpc.INVALID_REQUEST, "Forbidden: origin " + origin + " is not allowed");
        return true;
    }
}
