package io.kronforce.controller.domain.listing;

/** A stored script without its code. */
public record ScriptSummary(String name, String type, long sizeBytes, long createdAtMs, long updatedAtMs) {}
