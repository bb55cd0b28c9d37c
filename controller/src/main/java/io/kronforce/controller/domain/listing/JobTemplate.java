package io.kronforce.controller.domain.listing;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A stored job template: a partial job definition (no name, usually no schedule) a new job starts
 * from. {@code createdBy} is the saving key's name, {@code system} for the seeded ones.
 */
public record JobTemplate(String name, String description, ObjectNode snapshot, String createdBy, long createdAtMs) {}
