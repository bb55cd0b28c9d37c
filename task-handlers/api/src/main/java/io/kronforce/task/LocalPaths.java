package io.kronforce.task;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Local paths a task names ({@code local_path} of uploads and downloads). None may lie in
 * {@code /proc}: {@code /proc/self/environ} and {@code /proc/<pid>/environ} are the host process's
 * environment, which {@link TaskEnvironment} keeps from tasks, and {@code /proc/self/mem} its
 * memory. Judged on the real path, so a symbolic link ({@code /dev/fd}, a link the task made)
 * does not get around it.
 */
public final class LocalPaths {
    private static final Path PROC = Path.of("/proc");

    private LocalPaths() {}

    /** Why a task may not read or write {@code path}; empty when it may (as far as this rule goes). */
    public static Optional<String> refusal(Path path) {
        if (real(path).startsWith(PROC)) {
            return Optional.of("local path " + path + " is process information under /proc, which tasks may not use");
        }
        return Optional.empty();
    }

    /** The real path of {@code path}, or of its nearest existing ancestor with the rest appended. */
    private static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute));
        } catch (IOException | SecurityException e) {
            return absolute;
        }
    }
}
