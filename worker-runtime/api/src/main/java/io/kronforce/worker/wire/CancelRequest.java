package io.kronforce.worker.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of a push agent's {@code POST /cancel}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CancelRequest(@JsonProperty("execution_id") String executionId) {}
