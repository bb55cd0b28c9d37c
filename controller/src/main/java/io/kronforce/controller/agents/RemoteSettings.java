package io.kronforce.controller.agents;

import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * How the controller hands work to agents.
 *
 * @param lease how long a claim or push holds without a heartbeat naming the execution
 * @param claimTimeout how long queued work may wait for a pull agent before it fails
 * @param maxClaims how many times an item may be claimed (leases lost) before it fails
 * @param fallbackKey the key to present to a push agent whose own key this controller does not
 *     hold (upstream's {@code KRONFORCE_DISPATCH_KEY}); empty: such an agent waits to re-register
 * @param callbackUrl the controller's own base URL as agents reach it; empty: derived from the bind address
 * @param agentTrust how an https agent's certificate is verified; empty: the JDK's default trust store
 */
public record RemoteSettings(
        Duration lease,
        Duration claimTimeout,
        int maxClaims,
        Optional<String> fallbackKey,
        Optional<String> callbackUrl,
        Optional<SSLContext> agentTrust) {

    /** With the JDK's default trust for https agents. */
    public RemoteSettings(
            Duration lease,
            Duration claimTimeout,
            int maxClaims,
            Optional<String> fallbackKey,
            Optional<String> callbackUrl) {
        this(lease, claimTimeout, maxClaims, fallbackKey, callbackUrl, Optional.empty());
    }
}
