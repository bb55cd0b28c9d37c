package io.kronforce.controller.agents;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * How the controller hands work to agents.
 *
 * @param lease how long a claim or push holds without a heartbeat naming the execution
 * @param claimTimeout how long queued work may wait for a pull agent before it fails
 * @param maxClaims how many times an item may be claimed (leases lost) before it fails
 * @param fallbackKey the key to present to a push agent whose own key this controller does not
 *     hold ({@code KRONFORCE_DISPATCH_KEY}, else {@code KRONFORCE_AGENT_KEY}, as upstream); empty:
 *     such an agent waits to re-register
 * @param knownKeys keys of the controller's environment an agent may have registered with (the
 *     bootstrap agent key among them): after a restart that left the agent's own key sealed
 *     beyond reach (no encryption key), the one of these that is that very key is presented
 * @param callbackUrl the controller's own base URL as agents reach it; empty: derived from the bind address
 * @param agentTrust how an https agent's certificate is verified; empty: the JDK's default trust store
 */
public record RemoteSettings(
        Duration lease,
        Duration claimTimeout,
        int maxClaims,
        Optional<String> fallbackKey,
        List<String> knownKeys,
        Optional<String> callbackUrl,
        Optional<SSLContext> agentTrust) {

    public RemoteSettings {
        knownKeys = List.copyOf(knownKeys);
    }

    /** With the JDK's default trust for https agents, and no keys known beside the fallback. */
    public RemoteSettings(
            Duration lease,
            Duration claimTimeout,
            int maxClaims,
            Optional<String> fallbackKey,
            Optional<String> callbackUrl) {
        this(lease, claimTimeout, maxClaims, fallbackKey, List.of(), callbackUrl, Optional.empty());
    }
}
