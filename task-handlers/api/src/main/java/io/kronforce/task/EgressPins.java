package io.kronforce.task;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Closes the DNS-rebinding window between an egress check and the connection that follows it.
 * {@link EgressPolicy#checkHost} pins the answer it vetted for the host name; for {@link #WINDOW}
 * after the latest check, the JVM's resolver ({@link EgressResolverProvider}) hands out for that
 * name only addresses every policy that checked it accepts: a fresh answer when they accept it,
 * otherwise the vetted one. Every client that resolves through {@link InetAddress} (the JDK and
 * Helidon HTTP clients, the AWS SDK's URL-connection client, Jakarta Mail, plain sockets) thus
 * connects to an address the policy passed, whatever the name server answers the second time.
 *
 * <p>The JDK's own address cache sits in front of the resolver; it is harmless: the check looks
 * the name up through {@link InetAddress} as well, so the connection gets either the same cached
 * entry the check vetted or, once that entry expires, an answer from the pinning resolver.
 *
 * <p>JVM-wide by nature (the resolver is), thread-safe.
 */
public final class EgressPins {

    /** How long a check's pin holds: far longer than any connect that follows a check. */
    static final Duration WINDOW = Duration.ofMinutes(10);
    /** Lapsed pins are swept once the table grows past this many names. */
    private static final int SWEEP_ABOVE = 1024;

    private static final Map<String, Pin> PINS = new ConcurrentHashMap<>();

    private EgressPins() {}

    /**
     * Pins the answer a policy vetted for a lower-case host name.
     *
     * @return false for an address literal, which is never looked up (nothing can answer differently)
     */
    static boolean pin(String name, List<InetAddress> vetted, EgressPolicy policy) {
        if (Cidr.looksLikeAddress(name)) {
            return false;
        }
        long now = System.nanoTime();
        PINS.compute(name, (key, old) -> Pin.of(old, now).with(vetted, policy, now + WINDOW.toNanos()));
        if (PINS.size() > SWEEP_ABOVE) {
            PINS.values().removeIf(p -> p.lapsed(now));
        }
        return true;
    }

    /** A resolver that asks {@code upstream} and holds each pinned name to what was vetted. */
    public static InetAddressResolver over(InetAddressResolver upstream) {
        return new Pinned(upstream);
    }

    /** The last vetted answer of a name and, per policy that checked it, when its pin lapses. */
    private record Pin(List<InetAddress> vetted, Map<EgressPolicy, Long> until) {

        static Pin of(Pin old, long now) {
            if (old == null) {
                return new Pin(List.of(), Map.of());
            }
            Map<EgressPolicy, Long> live = new HashMap<>(old.until);
            live.values().removeIf(t -> t - now <= 0);
            return new Pin(old.vetted, live);
        }

        Pin with(List<InetAddress> vetted, EgressPolicy policy, long until) {
            Map<EgressPolicy, Long> next = new HashMap<>(this.until);
            next.put(policy, until);
            return new Pin(List.copyOf(vetted), Map.copyOf(next));
        }

        boolean lapsed(long now) {
            return until.values().stream().allMatch(t -> t - now <= 0);
        }

        /** Whether every policy whose pin still holds accepts these addresses for the name. */
        boolean accepted(String name, List<InetAddress> addresses, long now) {
            return until.entrySet().stream()
                    .filter(e -> e.getValue() - now > 0)
                    .allMatch(e -> e.getKey().accepts(name, addresses));
        }
    }

    private record Pinned(InetAddressResolver upstream) implements InetAddressResolver {

        @Override
        public Stream<InetAddress> lookupByName(String host, LookupPolicy lookupPolicy) throws UnknownHostException {
            String name = host.toLowerCase(Locale.ROOT);
            Pin pin = PINS.get(name);
            long now = System.nanoTime();
            if (pin == null || pin.lapsed(now)) {
                return upstream.lookupByName(host, lookupPolicy);
            }
            List<InetAddress> fresh;
            try {
                fresh = upstream.lookupByName(host, lookupPolicy).toList();
            } catch (UnknownHostException e) {
                fresh = List.of();
            }
            if (!fresh.isEmpty() && pin.accepted(name, fresh, now)) {
                return fresh.stream();
            }
            // The name server changed its mind to somewhere refused: stay with what was vetted.
            List<InetAddress> vetted = ordered(pin.vetted(), lookupPolicy);
            if (vetted.isEmpty() || !pin.accepted(name, vetted, now)) {
                throw new UnknownHostException(host + ": no answer the egress policy accepts");
            }
            return vetted.stream();
        }

        @Override
        public String lookupByAddress(byte[] address) throws UnknownHostException {
            return upstream.lookupByAddress(address);
        }

        /** The addresses of the families the lookup asked for, in the order it prefers. */
        private static List<InetAddress> ordered(List<InetAddress> addresses, LookupPolicy policy) {
            int c = policy.characteristics();
            Stream<InetAddress> wanted = addresses.stream()
                    .filter(a ->
                            (a instanceof Inet4Address) ? (c & LookupPolicy.IPV4) != 0 : (c & LookupPolicy.IPV6) != 0);
            if ((c & LookupPolicy.IPV4_FIRST) != 0) {
                wanted = wanted.sorted(Comparator.comparing(a -> a instanceof Inet4Address ? 0 : 1));
            } else if ((c & LookupPolicy.IPV6_FIRST) != 0) {
                wanted = wanted.sorted(Comparator.comparing(a -> a instanceof Inet4Address ? 1 : 0));
            }
            return wanted.toList();
        }
    }
}
