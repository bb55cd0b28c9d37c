package io.kronforce.task.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a file_push lands, and the rules that keep it under its destination root: lexically
 * ({@code ..} and absolute names, checked at job creation) and through symbolic links (checked at
 * run time against real paths, before any directory is created and again after).
 *
 * <p>Not proof against a local user who swaps a directory for a link between the check and the
 * write; the write itself never follows a link at the final name (it replaces entries by rename).
 */
final class Placement {

    private Placement() {}

    /** Why {@code name} under {@code root} is not acceptable, judged on the text alone; empty when it is. */
    static Optional<String> lexicalProblem(Path root, Path name) {
        Path target = root.resolve(name).normalize();
        if (name.isAbsolute() && !target.startsWith(root)) {
            return Optional.of("an absolute filename must lie under destination " + root);
        }
        if (!target.startsWith(root)) {
            return Optional.of("filename must stay under destination (no '..' above it)");
        }
        if (target.equals(root)) {
            return Optional.of("filename must name a file under destination");
        }
        return Optional.empty();
    }

    /**
     * Creates the root and the file's parent directories as needed (upstream's {@code mkdir -p})
     * and returns the file's path with every directory resolved to its real location.
     *
     * @throws PushRefused when a link leads out of the root, or the name is a link or a directory
     */
    static Path prepare(FilePushTask task) throws IOException {
        Path root = Path.of(task.destination()).normalize();
        Path target = root.resolve(task.filename()).normalize();
        Optional<String> lexical = lexicalProblem(root, Path.of(task.filename()));
        if (lexical.isPresent()) {
            throw new PushRefused(lexical.get());
        }
        Files.createDirectories(root);
        Path realRoot = root.toRealPath();
        Path parent = target.getParent();
        requireInside(realRoot, deepestExisting(parent).toRealPath());
        Files.createDirectories(parent);
        Path placed = requireInside(realRoot, parent.toRealPath()).resolve(target.getFileName());
        if (Files.isSymbolicLink(placed)) {
            throw new PushRefused("'" + task.filename() + "' is a symbolic link; file_push does not replace links");
        }
        if (Files.isDirectory(placed, LinkOption.NOFOLLOW_LINKS)) {
            throw new PushRefused("'" + task.filename() + "' is a directory");
        }
        return placed;
    }

    private static Path deepestExisting(Path path) {
        Path existing = path;
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing;
    }

    private static Path requireInside(Path realRoot, Path realPath) throws PushRefused {
        if (!realPath.startsWith(realRoot)) {
            throw new PushRefused("filename leads out of destination through a symbolic link (to " + realPath + ")");
        }
        return realPath;
    }
}
