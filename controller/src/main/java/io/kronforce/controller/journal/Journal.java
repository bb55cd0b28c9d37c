package io.kronforce.controller.journal;

/** The event log and the audit trail, written together with each change a use case makes. */
public record Journal(EventLog events, AuditTrail audit) {}
