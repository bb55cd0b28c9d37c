package io.kronforce.task.file;

/**
 * Configuration of a {@code file_push} task, bound from the job's task JSON (upstream's fields).
 *
 * <p>{@link #toString()} shows the content's length only: pushed files are often configuration
 * with credentials in it.
 *
 * @param filename the file to write, relative to {@code destination} (subdirectories allowed); an
 *     absolute path is accepted only when it lies under {@code destination}
 * @param destination absolute path of the directory the file goes under: the root no write may leave
 * @param content_base64 the file's bytes, standard base64
 * @param permissions octal mode such as {@code "640"} or {@code "0640"}; {@code null} keeps an
 *     overwritten file's mode, or gives a new one the process's default
 * @param overwrite whether an existing file may be replaced; {@code null} means {@code false}
 */
public record FilePushTask(
        String filename, String destination, String content_base64, String permissions, Boolean overwrite) {

    boolean overwriteAllowed() {
        return Boolean.TRUE.equals(overwrite);
    }

    @Override
    public String toString() {
        String content = content_base64 == null ? "null" : "<" + content_base64.length() + " base64 characters>";
        return "FilePushTask[filename=" + filename + ", destination=" + destination + ", content_base64=" + content
                + ", permissions=" + permissions + ", overwrite=" + overwrite + "]";
    }
}
