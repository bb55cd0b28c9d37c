package io.kronforce.worker.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A push agent's answer to {@code /cancel}; {@code message} is {@code "not running"} when there was nothing to stop. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CancelAck(
        @JsonProperty("cancelled") boolean cancelled,

        @JsonProperty("message") @JsonInclude(JsonInclude.Include.NON_NULL)
        String message) {}
