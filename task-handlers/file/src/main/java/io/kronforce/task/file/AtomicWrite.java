package io.kronforce.task.file;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Writes a file's whole content under a hidden temporary name beside it, gives it its mode, then
 * renames it into place: readers see the old file or the new one, never half of one, and the mode
 * is right from the first moment the name exists.
 */
final class AtomicWrite {

    private AtomicWrite() {}

    /**
     * @param mode the mode to set, or empty to keep an overwritten file's mode (a new file gets the
     *     process default, as upstream's plain write did)
     * @throws PushRefused when the file exists and {@code overwrite} is false
     */
    static void write(Path target, byte[] content, Optional<Set<PosixFilePermission>> mode, boolean overwrite)
            throws IOException {
        Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            Files.write(temp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Optional<Set<PosixFilePermission>> wanted = mode.isPresent() ? mode : existingMode(target);
            if (wanted.isPresent()) {
                setMode(temp, wanted.get());
            }
            if (overwrite) {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                // Without ATOMIC_MOVE the JDK refuses an existing target instead of renaming over it.
                Files.move(temp, target);
            }
        } catch (FileAlreadyExistsException e) {
            throw new PushRefused("'" + target.getFileName() + "' already exists and overwrite is false");
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void setMode(Path file, Set<PosixFilePermission> mode) throws IOException {
        try {
            Files.setPosixFilePermissions(file, mode);
        } catch (UnsupportedOperationException notPosix) {
            throw new PushRefused("permissions cannot be set on this file system (it has no POSIX modes)");
        }
    }

    /** Parses {@code "640"} or {@code "0640"}. */
    static Set<PosixFilePermission> parseMode(String octal) {
        int bits = Integer.parseInt(octal, 8);
        StringBuilder symbolic = new StringBuilder();
        for (int shift = 6; shift >= 0; shift -= 3) {
            int triple = (bits >> shift) & 7;
            symbolic.append((triple & 4) != 0 ? 'r' : '-')
                    .append((triple & 2) != 0 ? 'w' : '-')
                    .append((triple & 1) != 0 ? 'x' : '-');
        }
        return PosixFilePermissions.fromString(symbolic.toString());
    }

    private static Optional<Set<PosixFilePermission>> existingMode(Path target) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS));
        } catch (UnsupportedOperationException notPosix) {
            return Optional.empty();
        }
    }
}
