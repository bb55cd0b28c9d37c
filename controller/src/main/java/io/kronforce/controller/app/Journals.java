package io.kronforce.controller.app;

import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.Page;
import io.kronforce.controller.domain.PageRequest;
import io.kronforce.controller.store.AuditStore;
import io.kronforce.controller.store.EventStore;

/** Read side of the events feed and the audit log. */
public final class Journals {
    private final EventStore events;
    private final AuditStore audit;

    public Journals(EventStore events, AuditStore audit) {
        this.events = events;
        this.audit = audit;
    }

    public Page<Event> events(Long sinceMs, PageRequest page) {
        return events.list(sinceMs, page);
    }

    public Page<Event> events(EventStore.Query query) {
        return events.list(query);
    }

    public Page<AuditStore.Entry> audit(AuditStore.Query query) {
        return audit.list(query);
    }
}
