package io.kronforce.controller.journal;

import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.Page;
import io.kronforce.controller.domain.PageRequest;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.listing.AuditEntry;
import io.kronforce.controller.domain.listing.AuditQuery;
import io.kronforce.controller.domain.listing.EventQuery;
import io.kronforce.controller.store.AuditStore;
import io.kronforce.controller.store.EventStore;
import java.util.List;

/** Read side of the events feed and the audit log. */
public final class Journals {
    private final EventStore events;
    private final AuditStore audit;

    public Journals(EventStore events, AuditStore audit) {
        this.events = events;
        this.audit = audit;
    }

    /** The newest events {@code who} may see. */
    public Page<Event> events(Principal who, Long sinceMs, PageRequest page) {
        return events(who, new EventQuery(sinceMs, List.of(), null, null, page));
    }

    /**
     * The events list filtered; null or empty filters do not filter ({@code kind} ending in {@code .} is a
     * prefix). A scoped caller sees only events of jobs in its groups.
     */
    public Page<Event> events(Principal who, EventQuery query) {
        return events.list(query.within(who.scope()));
    }

    public Page<AuditEntry> audit(AuditQuery query) {
        return audit.list(query);
    }
}
