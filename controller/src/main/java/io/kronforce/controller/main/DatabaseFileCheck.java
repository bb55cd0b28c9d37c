package io.kronforce.controller.main;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Before anything opens it: can the controller write {@code KRONFORCE_DB}? A folder that cannot be
 * created, a folder or read-only file where the database should be, end the start with one line
 * naming the variable (exit 2), like any other bad setting, instead of SQLite's stack trace.
 */
final class DatabaseFileCheck {
    private DatabaseFileCheck() {}

    /** Creates the file's folder if missing; throws {@link ControllerSettings.InvalidSetting} when unusable. */
    static void requireWritable(Path dbFile) {
        Path file = dbFile.toAbsolutePath();
        Path folder = file.getParent();
        try {
            Files.createDirectories(folder);
        } catch (IOException | SecurityException e) {
            throw new ControllerSettings.InvalidSetting(
                    "KRONFORCE_DB: cannot create the folder " + folder + " for " + file + " (" + reason(e) + ")");
        }
        if (Files.isDirectory(file)) {
            throw new ControllerSettings.InvalidSetting("KRONFORCE_DB names a folder, not a file: " + file);
        }
        if (Files.exists(file) ? !Files.isWritable(file) : !Files.isWritable(folder)) {
            throw new ControllerSettings.InvalidSetting(
                    "KRONFORCE_DB: " + (Files.exists(file) ? file : folder) + " is not writable by this user");
        }
    }

    private static String reason(Exception e) {
        return e instanceof java.nio.file.FileAlreadyExistsException
                ? "a file of that name is in the way"
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
