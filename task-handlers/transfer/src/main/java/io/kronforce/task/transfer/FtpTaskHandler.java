package io.kronforce.task.transfer;

import io.kronforce.task.ConfigChecks;
import io.kronforce.task.ConfigViolation;
import io.kronforce.task.EgressDeniedException;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.Stops;
import io.kronforce.task.TaskContext;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.TaskOutcome;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs an {@code ftp} task: one file up or down over FTP, FTPS or SFTP. On success stdout gets one
 * line naming what moved where and how many bytes; the outputs {@code bytes}, {@code remote} and
 * {@code local_path} carry the same for output rules. Passwords, private keys and passphrases are
 * masked in everything the run reports.
 *
 * <p>Thread-safe and stateless; every run opens and closes its own connection.
 */
public final class FtpTaskHandler implements TaskHandler<FtpTask> {

    /** Longest wait for one network step (connect, a reply, a data block) when the job has no deadline. */
    static final Duration DEFAULT_IO_TIMEOUT = Duration.ofSeconds(60);

    private final EgressPolicy egress;
    private final Path defaultKnownHosts;

    /** A handler whose connections pass {@code settings.egress()} and whose SFTP default is {@code ~/.ssh/known_hosts}. */
    public FtpTaskHandler(HandlerSettings settings) {
        this(settings.egress(), Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"));
    }

    FtpTaskHandler(EgressPolicy egress, Path defaultKnownHosts) {
        this.egress = Objects.requireNonNull(egress, "egress");
        this.defaultKnownHosts = Objects.requireNonNull(defaultKnownHosts, "defaultKnownHosts");
    }

    @Override
    public String type() {
        return "ftp";
    }

    @Override
    public Class<FtpTask> configType() {
        return FtpTask.class;
    }

    @Override
    public List<ConfigViolation> check(FtpTask task) {
        return FtpTaskCheck.problems(task);
    }

    @Override
    public TaskOutcome run(FtpTask task, TaskContext ctx) throws InterruptedException {
        Optional<TaskOutcome> unrunnable = ConfigChecks.unrunnable("ftp", check(task), "/host", task.host());
        if (unrunnable.isPresent()) {
            return unrunnable.get();
        }
        Secrets secrets = Secrets.of(task.password(), task.private_key(), task.private_key_passphrase());
        try {
            TransferPlan plan = TransferPlan.of(task, egress);
            Duration ioTimeout = min(Stops.budget(ctx, DEFAULT_IO_TIMEOUT), DEFAULT_IO_TIMEOUT);
            Transferred done = plan.protocol() == Protocol.SFTP
                    ? new SftpTransfer(plan, defaultKnownHosts).run(ctx, ioTimeout)
                    : new FtpTransfer(plan).run(ctx, ioTimeout);
            ctx.output().stdout(done.summary() + "\n");
            return new TaskOutcome.Succeeded(0, done.outputs());
        } catch (EgressDeniedException e) {
            return new TaskOutcome.Failed(1, "ftp transfer refused: " + secrets.mask(e.getMessage()), false);
        } catch (TransferException e) {
            return new TaskOutcome.Failed(1, "ftp transfer failed: " + secrets.mask(e.getMessage()), e.retryable());
        } catch (IOException e) {
            Stops.throwIfStopped(ctx);
            return new TaskOutcome.Failed(1, "ftp transfer failed: " + secrets.mask(Stops.causes(e)), true);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
