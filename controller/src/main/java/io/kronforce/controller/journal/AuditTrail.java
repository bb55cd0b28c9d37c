package io.kronforce.controller.journal;

import io.kronforce.controller.domain.Ids;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.listing.AuditEntry;
import io.kronforce.controller.store.AuditStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;

/** Writes audit rows inside the caller's transaction, so a change and its audit land together. */
public final class AuditTrail {
    private final AuditStore store;
    private final InstantSource clock;

    public AuditTrail(AuditStore store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
    }

    public void record(
            Connection c, Principal actor, String operation, String resourceType, String resourceId, String details)
            throws SQLException {
        store.insert(
                c,
                new AuditEntry(
                        Ids.newId(),
                        clock.millis(),
                        actor.keyId(),
                        actor.keyName(),
                        operation,
                        resourceType,
                        resourceId,
                        details));
    }
}
