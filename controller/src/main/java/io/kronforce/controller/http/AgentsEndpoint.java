package io.kronforce.controller.http;

import static io.kronforce.controller.domain.Access.AGENT;
import static io.kronforce.controller.domain.Access.READ;
import static io.kronforce.controller.domain.Access.WRITE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.kronforce.controller.agents.AgentRuntime;
import io.kronforce.controller.agents.ResultIntake;
import io.kronforce.controller.domain.Agent;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.ProblemType;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.views.Views;
import io.kronforce.controller.web.JsonIo;
import io.kronforce.controller.web.Query;
import io.kronforce.controller.web.Routes;
import io.kronforce.worker.wire.Heartbeat;
import io.kronforce.worker.wire.Protocol;
import io.kronforce.worker.wire.Registration;
import io.kronforce.worker.wire.ResultReport;
import io.kronforce.worker.wire.TaskTypeDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Agents, user side (docs/reference/rest.md#agents-and-the-agent-protocol) and protocol side
 * (docs/reference/rest.md#agents-and-the-agent-protocol): registration, heartbeats, the pull queue's long-poll, result
 * callbacks and task types. Protocol routes take agent (or admin) keys only; user routes never take agent keys.
 */
final class AgentsEndpoint {
    private static final Map<String, String> OK = Map.of("status", "ok");
    private static final Map<String, String> RUN_CANCELLED =
            Map.of("status", "ignored", "reason", "the run was cancelled; this result is not recorded");

    private final AgentRuntime workers;

    AgentsEndpoint(AgentRuntime workers) {
        this.workers = workers;
    }

    /**
     * The key an agent registers with is the Bearer the controller presents on every push to it: an
     * admin key would travel to the agent's host, so only agent keys register.
     */
    private static void requireAgentKey(Principal who) {
        if (who.role() != Role.AGENT) {
            throw new KronforceException.Forbidden(
                    "agents register with an agent key, not a " + who.role().wire()
                            + " key: set KRONFORCE_AGENT_KEY to KRONFORCE_BOOTSTRAP_AGENT_KEY or to a key made by POST"
                            + " /api/keys with role agent");
        }
    }

    void register(Routes routes) {
        routes.get("/api/agents", READ, (req, res, who) -> {
                    var out = JsonIo.MAPPER.createArrayNode();
                    workers.agents().list().forEach(a -> out.add(Views.agent(a)));
                    JsonIo.ok(res, out);
                })
                .get(
                        "/api/agents/{id}",
                        READ,
                        (req, res, who) ->
                                JsonIo.ok(res, Views.agent(workers.agents().require(id(req)))))
                .delete("/api/agents/{id}", WRITE, (req, res, who) -> {
                    Agent agent = workers.agents().require(id(req));
                    workers.remote().askToShutDown(agent);
                    workers.agents().unpair(who, agent.id());
                    JsonIo.noContent(res);
                })
                .put("/api/agents/{id}/task-types", WRITE, (req, res, who) -> {
                    ObjectNode body = JsonIo.object(req);
                    require(body, "task_types");
                    workers.agents().setTaskTypes(who, id(req), bindList(body.get("task_types")));
                    JsonIo.ok(res, OK);
                })
                .post(Protocol.REGISTER_PATH, AGENT, (req, res, who) -> {
                    requireAgentKey(who);
                    JsonIo.ok(
                            res,
                            workers.agents().register(who, bind(JsonIo.object(req), Registration.class), bearer(req)));
                })
                .post("/api/agents/{id}/heartbeat", AGENT, (req, res, who) -> {
                    ObjectNode body = JsonIo.object(req);
                    require(body, "agent_id", "running_executions");
                    Heartbeat beat = bind(body, Heartbeat.class);
                    workers.agents().heartbeat(id(req), beat);
                    workers.remote().renew(id(req), beat.runningExecutions());
                    // Heartbeats, not registration: an agent may register before its own server listens.
                    workers.queue().offer(id(req));
                    JsonIo.ok(res, OK);
                })
                .get(
                        "/api/agents/{id}/task-types",
                        AGENT,
                        (req, res, who) -> JsonIo.ok(res, workers.agents().taskTypes(id(req))))
                .get(
                        "/api/agent-queue/depth",
                        READ,
                        (req, res, who) ->
                                JsonIo.ok(res, Map.of("pools", workers.queue().depthByPool(pools(req)))))
                .get("/api/agent-queue/{id}/next", AGENT, (req, res, who) -> {
                    int wait = Query.integer(req, "wait", 0);
                    if (wait < 0 || wait > Protocol.MAX_POLL_WAIT_SECS) {
                        throw new KronforceException.InvalidInput(
                                "wait", "wait must be 0-" + Protocol.MAX_POLL_WAIT_SECS);
                    }
                    var item = workers.queue().next(id(req), Duration.ofSeconds(wait));
                    if (item.isPresent()) {
                        JsonIo.ok(res, item.get());
                    } else {
                        JsonIo.noContent(res);
                    }
                })
                .post(Protocol.RESULT_PATH, AGENT, (req, res, who) -> {
                    ObjectNode body = JsonIo.object(req);
                    require(
                            body,
                            "execution_id",
                            "job_id",
                            "agent_id",
                            "status",
                            "stdout",
                            "stderr",
                            "stdout_truncated",
                            "stderr_truncated",
                            "started_at",
                            "finished_at");
                    ResultIntake.Outcome outcome = workers.results()
                            .accept(bind(body, ResultReport.class), Query.text(req, Protocol.LEASE_PARAM));
                    // A 2xx either way: upstream's agent retries anything else, and neither can change by retrying.
                    JsonIo.ok(res, outcome == ResultIntake.Outcome.RUN_CANCELLED ? RUN_CANCELLED : OK);
                });
    }

    /** The {@code pool} query values ({@code ?pool=gpu&pool=any}, or comma-separated); empty: all known pools. */
    private static List<String> pools(ServerRequest req) {
        return req.query().all("pool", List::of).stream()
                .flatMap(v -> java.util.Arrays.stream(v.split(",")))
                .map(String::trim)
                .filter(p -> !p.isEmpty())
                .distinct()
                .toList();
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }

    /** The raw Bearer the agent authenticated with: the key to present when pushing to it. */
    private static String bearer(ServerRequest req) {
        return req.headers()
                .first(HeaderNames.AUTHORIZATION)
                .map(h -> h.substring(7).trim())
                .orElseThrow();
    }

    private static void require(ObjectNode body, String... fields) {
        for (String f : fields) {
            if (!body.hasNonNull(f)) {
                throw new KronforceException.InvalidInput(
                        ProblemType.WRONG_SHAPE,
                        f + " is required",
                        List.of(new KronforceException.FieldError("/" + f, "is required")));
            }
        }
    }

    /** Binds a body into a wire record; a member of the wrong type is 422, as upstream's extractor answers. */
    private static <T> T bind(JsonNode body, Class<T> type) {
        try {
            return JsonIo.MAPPER.treeToValue(body, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw wrongShape(e);
        }
    }

    private static List<TaskTypeDefinition> bindList(JsonNode array) {
        if (!array.isArray()) {
            throw new KronforceException.InvalidInput(
                    ProblemType.WRONG_SHAPE,
                    "task_types must be an array",
                    List.of(new KronforceException.FieldError("/task_types", "must be an array")));
        }
        try {
            return JsonIo.MAPPER.readerForListOf(TaskTypeDefinition.class).readValue(array);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw wrongShape(e);
        }
    }

    private static KronforceException wrongShape(Exception e) {
        String detail = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return new KronforceException.InvalidInput(
                ProblemType.WRONG_SHAPE, "request body has the wrong shape: " + detail, List.of());
    }
}
