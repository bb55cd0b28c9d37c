package io.kronforce.controller.web;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.kronforce.task.Cidr;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Who the client is, for rate limits and key allow-lists: the TCP peer, unless the peer is a
 * trusted proxy ({@code KRONFORCE_TRUSTED_PROXIES}); then {@code X-Forwarded-For} is read from the
 * right — each proxy appends the address it received from — skipping trusted proxies, and the first
 * other address is the client. Upstream took the first entry from anyone, so any caller could name
 * its own bucket.
 */
final class ClientAddress {
    private static final HeaderName FORWARDED_FOR = HeaderNames.create("X-Forwarded-For");
    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final List<Cidr> trustedProxies;

    ClientAddress(List<Cidr> trustedProxies) {
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    InetAddress of(ServerRequest req) {
        InetAddress peer = req.remotePeer().address() instanceof InetSocketAddress socket
                ? socket.getAddress()
                : InetAddress.getLoopbackAddress();
        if (!trusted(peer) || !req.headers().contains(FORWARDED_FOR)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        req.headers().get(FORWARDED_FOR).allValues(true).forEach(hops::add);
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0 && trusted(client); i--) {
            InetAddress hop = literal(hops.get(i).trim());
            if (hop == null) {
                break; // garbage a trusted proxy passed on: the last trusted hop stands
            }
            client = hop;
        }
        return client;
    }

    private boolean trusted(InetAddress address) {
        for (Cidr proxy : trustedProxies) {
            if (proxy.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** An IP literal, or null; never a DNS lookup (the patterns admit no host name). */
    static InetAddress literal(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!IPV4.matcher(bare).matches() && !IPV6.matcher(bare).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(bare);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
