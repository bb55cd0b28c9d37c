package io.kronforce.task;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides which hosts outbound calls may reach. By default every public address is allowed and
 * every private, loopback, link-local, unique-local, carrier-grade NAT, multicast, unspecified or
 * cloud-metadata address is refused, judged on the addresses a name resolves to (so a public
 * name pointing at 127.0.0.1 is refused too). An allow-list of CIDR ranges and host names opens
 * exceptions. Callers check every hop, including each redirect.
 *
 * <p>Immutable and thread-safe.
 */
public final class EgressPolicy {

    private static final Set<String> METADATA_HOSTS =
            Set.of("metadata.google.internal", "metadata", "metadata.azure.internal");

    private final List<Cidr> allowedRanges;
    private final Set<String> allowedHosts;

    private EgressPolicy(List<Cidr> allowedRanges, Set<String> allowedHosts) {
        this.allowedRanges = List.copyOf(allowedRanges);
        this.allowedHosts = Set.copyOf(allowedHosts);
    }

    /** The default: public addresses only. */
    public static EgressPolicy publicOnly() {
        return new EgressPolicy(List.of(), Set.of());
    }

    /**
     * Parses {@code KRONFORCE_EGRESS_ALLOW}: a comma list of CIDR ranges ({@code 10.0.0.0/8},
     * {@code ::1/128}), single addresses, or host names ({@code api.internal}).
     *
     * @throws IllegalArgumentException naming the entry that is neither
     */
    public static EgressPolicy parse(String allowList) {
        List<Cidr> ranges = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        if (allowList != null) {
            for (String raw : allowList.split(",")) {
                String entry = raw.trim();
                if (entry.isEmpty()) {
                    continue;
                }
                if (Cidr.looksLikeAddress(entry)) {
                    ranges.add(Cidr.parse(entry));
                } else if (entry.matches("[A-Za-z0-9.-]+")) {
                    hosts.add(entry.toLowerCase(Locale.ROOT));
                } else {
                    throw new IllegalArgumentException(
                            "egress allow-list entry '" + entry + "' is neither a CIDR range nor a host name");
                }
            }
        }
        return new EgressPolicy(ranges, Set.copyOf(hosts));
    }

    /**
     * Checks the host of a URL and returns the addresses it may be reached at.
     *
     * @throws EgressDeniedException when the URL has no host, does not resolve, or resolves to
     *     any refused address
     */
    public List<InetAddress> check(URI url) throws EgressDeniedException {
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            throw new EgressDeniedException("URL has no host: " + url);
        }
        return checkHost(host);
    }

    /**
     * Same as {@link #check(URI)} for a bare host name or address literal. The answer it vetted
     * stays pinned for the name ({@link EgressPins}): until the pin lapses, any later lookup of the
     * name in this JVM (the HTTP client's own, when it connects) gets only addresses this policy
     * accepts, so a resolver that answers differently the second time cannot slip past.
     */
    public List<InetAddress> checkHost(String host) throws EgressDeniedException {
        String name = stripBrackets(host).toLowerCase(Locale.ROOT);
        List<InetAddress> addresses = lookUp(name);
        vet(name, addresses);
        if (EgressPins.pin(name, addresses, this)) {
            // A lookup that began before the pin may have just refilled the JDK's address cache
            // with an answer nobody vetted, and clients read that cache first: vet what it holds now.
            addresses = lookUp(name);
            vet(name, addresses);
        }
        return addresses;
    }

    /** Through InetAddress and its cache, exactly as a client will look the name up. */
    private static List<InetAddress> lookUp(String name) throws EgressDeniedException {
        try {
            return List.of(InetAddress.getAllByName(name));
        } catch (UnknownHostException e) {
            throw new EgressDeniedException("cannot resolve host '" + name + "'");
        }
    }

    /** Whether this policy lets a (lower-case) name be reached at every one of these addresses. */
    boolean accepts(String name, List<InetAddress> addresses) {
        try {
            vet(name, addresses);
            return true;
        } catch (EgressDeniedException e) {
            return false;
        }
    }

    private void vet(String name, List<InetAddress> addresses) throws EgressDeniedException {
        if (allowedHosts.contains(name)) {
            return;
        }
        if (METADATA_HOSTS.contains(name)) {
            throw new EgressDeniedException("host '" + name + "' is a cloud metadata endpoint");
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address) && allowedRanges.stream().noneMatch(r -> r.contains(address))) {
                throw new EgressDeniedException("host '" + name + "' resolves to non-public address "
                        + address.getHostAddress() + "; allow it with KRONFORCE_EGRESS_ALLOW");
            }
        }
    }

    /** Whether an address is routable on the public internet. */
    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress()
                || address.isAnyLocalAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            boolean carrierNat = first == 100 && second >= 64 && second <= 127;
            boolean reserved = first == 0
                    || first >= 240
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0)
                    || (first == 198 && (second == 18 || second == 19));
            return !carrierNat && !reserved;
        }
        if (address instanceof Inet6Address) {
            boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;
            boolean siteLocal = (b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0;
            if (uniqueLocal || siteLocal) {
                return false;
            }
            InetAddress embedded = embeddedIpv4(b);
            return embedded == null || isPublic(embedded);
        }
        return false;
    }

    /** The IPv4 address inside an IPv4-mapped, IPv4-compatible, NAT64 or 6to4 IPv6 address. */
    private static InetAddress embeddedIpv4(byte[] b) {
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= b[i] == 0;
        }
        boolean mapped = zeroPrefix && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeroPrefix && b[10] == 0 && b[11] == 0;
        boolean nat64 =
                (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        try {
            if (mapped || compatible || nat64) {
                return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
                return InetAddress.getByAddress(new byte[] {b[2], b[3], b[4], b[5]});
            }
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
        return null;
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    @Override
    public String toString() {
        return "EgressPolicy[allowedRanges=" + allowedRanges + ", allowedHosts=" + allowedHosts + "]";
    }
}
