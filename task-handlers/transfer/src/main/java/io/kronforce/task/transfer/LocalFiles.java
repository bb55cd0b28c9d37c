package io.kronforce.task.transfer;

import io.kronforce.task.LocalPaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The local side of a transfer. A download lands in a temporary file beside its target and is
 * moved into place only when complete, so a cut transfer never leaves a truncated file where a
 * reader expects a whole one.
 */
final class LocalFiles {

    /** Writes a download into the stream it is given and returns the byte count. */
    @FunctionalInterface
    interface Sink {
        long writeTo(OutputStream out) throws IOException;
    }

    private LocalFiles() {}

    /**
     * Runs {@code sink} into a temporary file and moves it to {@code target}, replacing what was there.
     *
     * @return the bytes written
     * @throws TransferException (not retryable) when the target's directory does not exist or is under /proc
     */
    static long download(Path target, Sink sink) throws IOException {
        refuseProcessInformation(target);
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw TransferException.permanent("local directory " + dir + " does not exist");
        }
        Path partial = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
        try {
            long bytes;
            try (OutputStream out = Files.newOutputStream(partial)) {
                bytes = sink.writeTo(out);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return bytes;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * Opens the file to upload.
     *
     * @throws TransferException (not retryable) when it is missing, not a regular file or under /proc
     */
    static InputStream openUpload(Path source) throws IOException {
        refuseProcessInformation(source);
        if (!Files.isRegularFile(source)) {
            throw TransferException.permanent("local file " + source + " does not exist or is not a regular file");
        }
        return Files.newInputStream(source);
    }

    /** The host process's environment and memory are not files to transfer ({@link LocalPaths}). */
    private static void refuseProcessInformation(Path path) throws TransferException {
        java.util.Optional<String> refusal = LocalPaths.refusal(path);
        if (refusal.isPresent()) {
            throw TransferException.permanent(refusal.get());
        }
    }
}
