package io.kronforce.task.s3;

import io.kronforce.task.ConfigChecks;
import io.kronforce.task.ConfigViolation;
import io.kronforce.task.EgressDeniedException;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.StopGuard;
import io.kronforce.task.Stops;
import io.kronforce.task.TaskContext;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.TaskOutcome;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Runs an {@code s3} task (beyond upstream): put a file or text, get an object to a file or
 * stdout, or list keys, against AWS S3 or any S3-compatible server. The endpoint's host passes the
 * egress policy first. Keys and tokens are masked in every message.
 *
 * <p>Thread-safe and stateless; every run builds and closes its own client.
 */
public final class S3TaskHandler implements TaskHandler<S3Task> {

    /** How long one run may take when the job sets no deadline. */
    static final Duration DEFAULT_BUDGET = Duration.ofMinutes(5);

    private final EgressPolicy egress;

    public S3TaskHandler(HandlerSettings settings) {
        this.egress = Objects.requireNonNull(settings.egress(), "egress");
    }

    @Override
    public String type() {
        return "s3";
    }

    @Override
    public Class<S3Task> configType() {
        return S3Task.class;
    }

    @Override
    public List<ConfigViolation> check(S3Task task) {
        return S3TaskCheck.problems(task);
    }

    @Override
    public TaskOutcome run(S3Task task, TaskContext ctx) throws InterruptedException {
        Optional<TaskOutcome> unrunnable = ConfigChecks.unrunnable("s3", check(task), "/bucket", task.bucket());
        if (unrunnable.isPresent()) {
            return unrunnable.get();
        }
        String operation = task.operation().toLowerCase(Locale.ROOT);
        try (S3Client client = S3Clients.vetted(task, egress, Stops.budget(ctx, DEFAULT_BUDGET))) {
            S3Operations operations = new S3Operations(client, task, ctx.output());
            Map<String, String> outputs = StopGuard.call(ctx, client::close, () -> switch (operation) {
                case "put" -> operations.put();
                case "get" -> operations.get();
                default -> operations.list();
            });
            return new TaskOutcome.Succeeded(0, outputs);
        } catch (EgressDeniedException e) {
            return failed(task, "s3 request refused: " + e.getMessage(), false);
        } catch (S3Refused e) {
            return failed(task, "s3 " + operation + " failed: " + e.getMessage(), false);
        } catch (S3Exception e) {
            Stops.throwIfStopped(ctx);
            int status = e.statusCode();
            String code =
                    e.awsErrorDetails() == null ? "" : " " + e.awsErrorDetails().errorCode();
            String message = e.awsErrorDetails() == null
                    ? e.getMessage()
                    : e.awsErrorDetails().errorMessage();
            return failed(
                    task,
                    "s3 " + operation + " failed: HTTP " + status + code + ": " + message,
                    status >= 500 || status == 429);
        } catch (SdkException | IOException e) {
            Stops.throwIfStopped(ctx);
            return failed(task, "s3 " + operation + " failed: " + Stops.causes(e), true);
        }
    }

    private static TaskOutcome failed(S3Task task, String reason, boolean retryable) {
        String masked = reason;
        for (String secret : Stream.of(task.access_key(), task.secret_key(), task.session_token())
                .filter(s -> s != null && s.length() >= 3)
                .toList()) {
            masked = masked.replace(secret, S3Task.MASK);
        }
        return new TaskOutcome.Failed(1, masked, retryable);
    }
}
