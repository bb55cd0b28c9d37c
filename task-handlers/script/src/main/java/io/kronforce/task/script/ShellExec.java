package io.kronforce.task.script;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;

/**
 * {@code shell_exec(cmd)}: {@code sh -c cmd} (through {@code sudo -n -u} when the job runs as
 * another user, as shell tasks do), stdin closed, returning {@code #{exit_code, stdout, stderr}}.
 * A cancel or the deadline kills the whole process tree before the script is stopped. The process
 * starts with the run's task environment, not the host's.
 */
final class ShellExec {
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Duration UNLIMITED = Duration.ofDays(365);

    private ShellExec() {}

    static void install(ScriptableObject scope, ScriptRun run) {
        HostFunction.define(
                scope, "shell_exec", 1, (cx, s, args) -> exec(cx, s, run, HostFunction.text(args, 0, "shell_exec")));
    }

    private static Scriptable exec(Context cx, Scriptable scope, ScriptRun run, String command)
            throws InterruptedException {
        Process process;
        try {
            process = run.environment()
                    .applyTo(new ProcessBuilder(argv(run, command)))
                    .start();
            process.getOutputStream().close();
        } catch (IOException | IllegalArgumentException e) {
            return HostFunction.object(
                    cx, scope, "exit_code", -1, "stdout", "", "stderr", "exec error: " + e.getMessage());
        }
        int cap = run.budget().limits().stringChars();
        Capture out = Capture.start(process.getInputStream(), cap);
        Capture err = Capture.start(process.getErrorStream(), cap);
        try {
            if (!process.waitFor(run.budget().timeLeft(UNLIMITED).toNanos(), TimeUnit.NANOSECONDS)) {
                throw run.budget().deadlinePassed();
            }
            return HostFunction.object(
                    cx, scope, "exit_code", process.exitValue(), "stdout", out.text(), "stderr", err.text());
        } catch (InterruptedException | ScriptStop e) {
            destroyTree(process);
            throw e;
        }
    }

    private static List<String> argv(ScriptRun run, String command) {
        List<String> argv = new ArrayList<>();
        run.ctx().runAs().ifPresent(user -> {
            if (!USER_NAME.matcher(user).matches()) {
                throw new IllegalArgumentException("refusing to run as invalid user name '" + user + "'");
            }
            argv.addAll(List.of("sudo", "-n", "-u", user));
        });
        argv.addAll(List.of("sh", "-c", command));
        return argv;
    }

    /** Descendants first: once the root dies they are re-parented and can no longer be found. */
    private static void destroyTree(Process process) {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
    }

    /** One output stream read to its end on a virtual thread, keeping at most {@code cap} bytes. */
    private static final class Capture {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final Thread reader;

        private Capture(InputStream in, int cap) {
            reader = Thread.ofVirtual().start(() -> {
                byte[] buffer = new byte[8192];
                try (in) {
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        synchronized (kept) {
                            kept.write(buffer, 0, Math.max(0, Math.min(n, cap - kept.size())));
                        }
                    }
                } catch (IOException closed) {
                    // The process is gone or was killed: what was read is all there is.
                }
            });
        }

        static Capture start(InputStream in, int cap) {
            return new Capture(in, cap);
        }

        /** The text read, once the stream ended (a background child holding the pipe gets two seconds). */
        String text() throws InterruptedException {
            reader.join(Duration.ofSeconds(2));
            synchronized (kept) {
                return kept.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
