package io.kronforce.controller.main;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * An OS file lock on {@code <KRONFORCE_DB>.lock} beside the database: each running controller holds
 * it shared (several may share a file, as before), {@code kronforce migrate} exclusive, so neither
 * starts while the other works on the file. A separate file because SQLite's own POSIX locks on the
 * database would be dropped by any other descriptor this process closed on it.
 */
final class InstanceLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static Path fileFor(Path db) {
        return db.toAbsolutePath().resolveSibling(db.getFileName() + ".lock");
    }

    /** The lock, or empty when a holder of the other kind has it (in this JVM or another process). */
    static Optional<InstanceLock> tryAcquire(Path db, boolean shared) throws IOException {
        Path file = fileFor(db);
        Files.createDirectories(file.getParent());
        FileChannel channel =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock(0, Long.MAX_VALUE, shared);
            if (lock != null) {
                return Optional.of(new InstanceLock(channel, lock));
            }
        } catch (OverlappingFileLockException heldHere) {
            // This JVM holds it already through another channel: as held as by another process.
        }
        channel.close();
        return Optional.empty();
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the process is ending or the lock is already gone with the channel
        }
    }
}
