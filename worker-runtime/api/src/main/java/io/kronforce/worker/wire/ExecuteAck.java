package io.kronforce.worker.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A push agent's answer to {@code /execute}: the run is accepted and proceeds in the background, or why not. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExecuteAck(
        @JsonProperty("accepted") boolean accepted,
        @JsonProperty("message") String message) {}
