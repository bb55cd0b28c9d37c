package io.kronforce.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs an external command to its end and keeps what it printed (stdout and stderr together). */
record Command(int exit, String output) {

    static Command run(Path dir, Map<String, String> env, List<String> argv) {
        try {
            ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true);
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + argv);
            }
            return new Command(p.exitValue(), out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + argv + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Command run(Path dir, List<String> argv) {
        return run(dir, Map.of(), argv);
    }

    Command requireSuccess() {
        if (exit != 0) {
            throw new AssertionError("exit " + exit + ":\n" + output);
        }
        return this;
    }
}
