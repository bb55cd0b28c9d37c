package io.kronforce.task.file;

import io.kronforce.task.ConfigChecks;
import io.kronforce.task.ConfigViolation;
import io.kronforce.task.Stops;
import io.kronforce.task.TaskContext;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.TaskOutcome;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a {@code file_push} task: decodes the content and writes it to {@code filename} under the
 * {@code destination} root, creating directories as needed, refusing to leave the root through
 * {@code ..}, an absolute name or a symbolic link, and replacing an existing file only when
 * {@code overwrite} is true. Stdout is upstream's line:
 * {@code File '<filename>' written to <destination> (<n> bytes)}. The content is never printed.
 *
 * <p>Stateless and thread-safe.
 */
public final class FilePushTaskHandler implements TaskHandler<FilePushTask> {

    @Override
    public String type() {
        return "file_push";
    }

    @Override
    public Class<FilePushTask> configType() {
        return FilePushTask.class;
    }

    @Override
    public List<ConfigViolation> check(FilePushTask task) {
        return FilePushCheck.problems(task);
    }

    @Override
    public TaskOutcome run(FilePushTask task, TaskContext ctx) throws InterruptedException {
        Optional<TaskOutcome> unrunnable =
                ConfigChecks.unrunnable("file_push", check(task), "/destination", task.destination());
        if (unrunnable.isPresent()) {
            return unrunnable.get();
        }
        byte[] content = Base64.getDecoder().decode(task.content_base64());
        try {
            Stops.throwIfStopped(ctx);
            Path placed = Placement.prepare(task);
            AtomicWrite.write(
                    placed,
                    content,
                    Optional.ofNullable(task.permissions()).map(AtomicWrite::parseMode),
                    task.overwriteAllowed());
            ctx.output()
                    .stdout("File '" + task.filename() + "' written to " + task.destination() + " (" + content.length
                            + " bytes)\n");
            return new TaskOutcome.Succeeded(
                    0, Map.of("path", placed.toString(), "bytes", Integer.toString(content.length)));
        } catch (PushRefused e) {
            return new TaskOutcome.Failed(1, "file_push refused: " + e.getMessage(), false);
        } catch (ClosedByInterruptException e) {
            Thread.interrupted();
            throw new InterruptedException("stopped while writing");
        } catch (IOException e) {
            Stops.throwIfStopped(ctx);
            return new TaskOutcome.Failed(
                    1, "file_push failed: " + Stops.causes(e), !(e instanceof AccessDeniedException));
        }
    }
}
