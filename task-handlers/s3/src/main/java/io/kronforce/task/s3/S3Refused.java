package io.kronforce.task.s3;

import java.io.IOException;

/** A local precondition of an s3 task failed (a missing file or directory); running it again will not help. */
final class S3Refused extends IOException {
    private static final long serialVersionUID = 1L;

    S3Refused(String message) {
        super(message);
    }
}
