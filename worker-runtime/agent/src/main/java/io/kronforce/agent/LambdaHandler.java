package io.kronforce.agent;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.kronforce.worker.host.HandlerCatalog;
import io.kronforce.worker.host.HostedRun;
import io.kronforce.worker.host.TaskHost;
import io.kronforce.worker.wire.ExecuteRequest;
import io.kronforce.worker.wire.ResultReport;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;

/**
 * An AWS Lambda entry point ({@code io.kronforce.agent.LambdaHandler::handleRequest}): the event is
 * a dispatch shaped like {@code /execute}'s body; the handler runs it in this invocation through
 * the task host, posts the result to the dispatch's {@code callback_url} (with
 * {@code KRONFORCE_AGENT_KEY}, retried) when it has one, and returns the same result, so a
 * synchronous caller gets it in the response. One host per container, reused across invocations.
 * Lambda's own IAM authorisation guards the invocation; this handler checks no key itself.
 */
public final class LambdaHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final TaskHost host;
    private final Runner runner;
    private final String name;

    /** The constructor Lambda calls: settings from the function's environment. */
    public LambdaHandler() {
        this(System.getenv());
    }

    LambdaHandler(Map<String, String> given) {
        Map<String, String> env = AgentSettings.withSecretFiles(given);
        name = Optional.ofNullable(env.get("KRONFORCE_AGENT_NAME"))
                .filter(n -> !n.isBlank())
                .orElseGet(() ->
                        Optional.ofNullable(env.get("AWS_LAMBDA_FUNCTION_NAME")).orElse("lambda"));
        host = new TaskHost(
                HandlerCatalog.load(AgentSettings.handlerSettings(env)),
                InstantSource.system(),
                TaskHost.DEFAULT_OUTPUT_CAP_BYTES);
        Optional<String> key = Optional.ofNullable(env.get("KRONFORCE_AGENT_KEY"))
                .map(String::trim)
                .filter(k -> !k.isEmpty());
        // Results go to each dispatch's callback URL; the controller URL itself is never dialled here.
        runner = new Runner(
                host,
                new ControllerLink(
                        URI.create("http://127.0.0.1"), key, Optional.of(AgentSettings.controllerTrust(env))),
                () -> name,
                Duration.ofSeconds(1));
    }

    /**
     * Runs one dispatch.
     *
     * @throws IllegalArgumentException when the event is not a dispatch (Lambda reports it as a function error)
     */
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        ExecuteRequest request = ControllerLink.JSON.convertValue(event, ExecuteRequest.class);
        if (request.executionId() == null || request.task() == null) {
            throw new IllegalArgumentException("the event must be a dispatch with execution_id and task");
        }
        HostedRun run = HostedRun.from(request);
        ResultReport report =
                request.callbackUrl() == null ? host.run(run, name) : runner.runAndReport(run, request.callbackUrl());
        return ControllerLink.JSON.convertValue(
                report, ControllerLink.JSON.getTypeFactory().constructMapType(Map.class, String.class, Object.class));
    }
}
