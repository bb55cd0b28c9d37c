package io.kronforce.task;

import java.util.Objects;

/**
 * What the host hands every handler at creation.
 *
 * @param egress the outbound-address policy every network call must pass
 */
public record HandlerSettings(EgressPolicy egress) {
    public HandlerSettings {
        Objects.requireNonNull(egress, "egress");
    }
}
