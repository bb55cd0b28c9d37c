package io.kronforce.task.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two HTTP servers on the same port for DNS-rebinding tests: the {@linkplain #vetted() vetted}
 * one on 127.0.0.2 (the address the egress policy is told to allow) and the
 * {@linkplain #loopback() loopback} one on 127.0.0.1 (where the rebinding answer points, refused
 * by the policy). Each answers 200 with its own name and counts the requests it got.
 */
public final class RebindTargets implements AutoCloseable {

    /** The address a test's egress policy allows: {@code EgressPolicy.parse(RebindTargets.ALLOWED)}. */
    public static final String ALLOWED = "127.0.0.2/32";

    /** What {@link #reached()} answers when the vetted server got one request and the loopback one none. */
    public static final String VETTED_ONLY = "vetted 1, loopback 0, looked up again: true";

    private final Target vetted;
    private final Target loopback;
    private volatile String name;

    private RebindTargets(Target vetted, Target loopback) {
        this.vetted = vetted;
        this.loopback = loopback;
    }

    /** Starts both servers, on a port free on both addresses. */
    public static RebindTargets start() {
        for (int attempt = 0; ; attempt++) {
            Target vetted = Target.start(address(127, 0, 0, 2), 0, "vetted");
            try {
                return new RebindTargets(vetted, Target.start(address(127, 0, 0, 1), vetted.port(), "loopback"));
            } catch (UncheckedIOException e) {
                vetted.close();
                if (!(e.getCause() instanceof BindException) || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    /** Points {@code name} at the vetted server for the egress check and at the loopback one afterwards. */
    public String rebind(String name) {
        this.name = name;
        RebindingResolverProvider.rebind(name, vetted.address(), loopback.address());
        return "http://" + name + ":" + vetted.port();
    }

    /**
     * Which server the requests reached, and whether the client looked the name up after the
     * check did (else the test proves nothing): {@link
     * #VETTED_ONLY} for one request done right.
     */
    public String reached() {
        return "vetted " + vetted.hits() + ", loopback " + loopback.hits() + ", looked up again: "
                + (RebindingResolverProvider.lookups(name) > RebindingResolverProvider.CHECK_LOOKUPS);
    }

    public Target vetted() {
        return vetted;
    }

    public Target loopback() {
        return loopback;
    }

    @Override
    public void close() {
        vetted.close();
        loopback.close();
    }

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    /** One of the two servers. */
    public record Target(HttpServer server, AtomicInteger requests) {

        static Target start(InetAddress address, int port, String body) {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
                AtomicInteger requests = new AtomicInteger();
                server.createContext("/", exchange -> {
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    exchange.getRequestBody().readAllBytes();
                    exchange.sendResponseHeaders(200, bytes.length);
                    exchange.getResponseBody().write(bytes);
                    exchange.close();
                    requests.incrementAndGet(); // once answered, so that a test may stop the server at once
                });
                server.start();
                return new Target(server, requests);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public InetAddress address() {
            return server.getAddress().getAddress();
        }

        public int port() {
            return server.getAddress().getPort();
        }

        /** How many requests reached this server. */
        public int hits() {
            return requests.get();
        }

        void close() {
            server.stop(0);
        }
    }
}
