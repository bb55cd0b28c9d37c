package io.kronforce.task.transfer;

import java.util.Map;

/**
 * What a finished transfer moved, for stdout and the task's named outputs.
 *
 * @param direction upload or download
 * @param remote {@code scheme://host:port/path} of the server file (never with credentials)
 * @param local the local path
 * @param bytes bytes moved
 */
record Transferred(Direction direction, String remote, String local, long bytes) {

    /** One line: {@code downloaded sftp://h:22/in/a.csv to /data/a.csv (1024 bytes)}. */
    String summary() {
        return direction == Direction.DOWNLOAD
                ? "downloaded " + remote + " to " + local + " (" + bytes + " bytes)"
                : "uploaded " + local + " to " + remote + " (" + bytes + " bytes)";
    }

    Map<String, String> outputs() {
        return Map.of("bytes", Long.toString(bytes), "remote", remote, "local_path", local);
    }
}
