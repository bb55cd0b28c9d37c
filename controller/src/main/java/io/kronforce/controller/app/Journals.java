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

    /** The events list filtered; null or empty filters do not filter ({@code kind} ending in {@code .} is a prefix). */
    public Page<Event> events(Long sinceMs, java.util.List<String> severities, String jobId, String kind,
                              PageRequest page) {
        return events.list(new EventStore.Query(sinceMs, severities, jobId, kind, page));
    }

    public Page<AuditStore.Entry> audit(AuditStore.Query query) {
        return audit.list(query);
    }
}
