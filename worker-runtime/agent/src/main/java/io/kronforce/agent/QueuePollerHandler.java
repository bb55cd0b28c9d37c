package io.kronforce.agent;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.kronforce.worker.host.HandlerCatalog;
import io.kronforce.worker.host.HostedRun;
import io.kronforce.worker.host.TaskHost;
import io.kronforce.worker.wire.Registration;
import io.kronforce.worker.wire.TaskTypeDefinition;
import java.io.IOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An AWS Lambda pull worker ({@code io.kronforce.agent.QueuePollerHandler::handleRequest}), started
 * by a schedule: each invocation claims queued runs of its pools as a custom agent would, runs and
 * reports them one after another, and returns at the first empty poll or when less than
 * {@code KRONFORCE_POLLER_RESERVE_SECS} (default 60) of the invocation remain, so it never holds a
 * claim it cannot finish. Each poll waits up to {@code KRONFORCE_WORKER_WAIT_SECS} (here default 5 s).
 * Settings as for {@code ./kronforce worker} (controller URL, agent key,
 * tags; docs/WORKERS.md). The registration is kept across invocations of a warm container; the
 * controller may have marked it offline meanwhile, and a poll answered 404 registers again.
 */
public final class QueuePollerHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final ControllerLink link;
    private final TaskHost host;
    private final Session session;
    private final Runner runner;
    private final int reserveSecs;
    private final int waitSecs;
    private boolean open;

    /** The constructor Lambda calls: settings from the function's environment. */
    public QueuePollerHandler() {
        this(System.getenv());
    }

    QueuePollerHandler(Map<String, String> env) {
        Map<String, String> withName = new java.util.HashMap<>(env);
        withName.putIfAbsent("KRONFORCE_AGENT_NAME", env.getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "lambda-poller"));
        AgentSettings s = AgentSettings.fromEnv(withName);
        reserveSecs = Integer.parseInt(
                env.getOrDefault("KRONFORCE_POLLER_RESERVE_SECS", "60").trim());
        // Short by default: an invocation is billed while it waits on an empty queue.
        waitSecs = Integer.parseInt(
                env.getOrDefault("KRONFORCE_WORKER_WAIT_SECS", "5").trim());
        host = new TaskHost(
                HandlerCatalog.load(AgentSettings.handlerSettings(env)),
                InstantSource.system(),
                TaskHost.DEFAULT_OUTPUT_CAP_BYTES);
        link = new ControllerLink(s.controllerUrl(), s.key(), Optional.of(s.controllerTrust()));
        List<TaskTypeDefinition> types = host.types().stream()
                .map(t -> new TaskTypeDefinition(t, "built-in task type", List.of()))
                .toList();
        session = new Session(
                link,
                new Registration(s.name(), s.tags(), "", "0.0.0.0", 0, "custom", types, SystemFacts.collect(), false),
                host);
        runner = new Runner(host, link, session::agentId, Duration.ofSeconds(1));
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        int claimed = 0;
        try {
            if (!open) {
                session.open();
                open = true;
            }
            while (true) {
                int left = context.getRemainingTimeInMillis() / 1000 - reserveSecs;
                if (left <= 0) {
                    break;
                }
                ControllerLink.Poll poll = link.next(session.agentId(), Math.min(waitSecs, left));
                if (poll.item().isPresent()) {
                    var item = poll.item().get();
                    runner.runAndReport(HostedRun.from(item), item.callbackUrl());
                    claimed++;
                } else if (poll.status() == 404) {
                    session.reregister();
                } else {
                    break; // 204: the pools are empty for now; the next scheduled invocation looks again
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("the controller could not be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("agent_id", session.agentId());
        out.put("claimed", claimed);
        return out;
    }
}
