package io.kronforce.controller.database;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the last write the storage saw failed for the storage's sake (full, or an I/O error), and
 * why. Set by the writer when a transaction fails so, cleared when one commits: a read-only probe
 * cannot tell that the disk is full, so health asks this. Thread-safe.
 */
final class WriteHealth {
    private final AtomicReference<String> failure = new AtomicReference<>();

    void failed(String reason) {
        failure.set(reason);
    }

    void committed() {
        if (failure.get() != null) {
            failure.set(null);
        }
    }

    Optional<String> failure() {
        return Optional.ofNullable(failure.get());
    }
}
