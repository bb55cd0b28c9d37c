package io.kronforce.controller.domain.listing;

import com.fasterxml.jackson.databind.JsonNode;

/** One stored version of a job: its spec as it was, who changed it and when. */
public record JobVersion(int version, JsonNode snapshot, String changedBy, long createdAtMs) {}
