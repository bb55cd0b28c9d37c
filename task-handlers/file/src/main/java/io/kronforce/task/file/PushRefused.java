package io.kronforce.task.file;

import java.io.IOException;

/** A file_push the handler will not carry out (a path leaving the root, an existing file); running it again cannot help. */
final class PushRefused extends IOException {
    private static final long serialVersionUID = 1L;

    PushRefused(String message) {
        super(message);
    }
}
