package io.kronforce.controller.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.controller.testing.TestController;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listener against whoever can open connections: more idle connections than the cap, and
 * a request line that trickles in. The controller runs with a cap of 16 and an idle timeout of 1 s: a
 * connection that sends nothing holds its slot for about a second, so a request queued behind
 * the flood is served while the flood's sockets stay open on the client's side. The flood's own
 * timing is never asserted, only that the API answers and the slow connection ends.
 */
class ConnectionFloodTest {
    private static final int CAP = 16;

    @TempDir
    Path dir;

    private TestController tc;
    private final List<Socket> flood = new ArrayList<>();

    @BeforeEach
    void start() {
        tc = TestController.start(
                dir, Map.of("KRONFORCE_MAX_CONNECTIONS", String.valueOf(CAP), "KRONFORCE_IDLE_TIMEOUT_SECS", "1"));
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : flood) {
            s.close();
        }
        tc.close();
    }

    @Test
    void healthAnswersWhileThreeTimesTheCapOfIdleConnectionsAreOpen() throws Exception {
        assertEquals(CAP, tc.maxConnections());
        openIdle(3 * CAP);
        assertEquals(200, health(), "while the flood's connections are open");
        openIdle(3 * CAP);
        assertEquals(200, health(), "after a second wave");
    }

    @Test
    void theListenerHoldsNoMoreConnectionsThanTheCap(@TempDir Path other) throws Exception {
        // A long idle timeout, so the accepted connections stay until counted.
        try (TestController patient = TestController.start(
                other,
                Map.of("KRONFORCE_MAX_CONNECTIONS", String.valueOf(CAP), "KRONFORCE_IDLE_TIMEOUT_SECS", "600"))) {
            for (int i = 0; i < 3 * CAP; i++) {
                flood.add(new Socket("127.0.0.1", patient.port()));
            }
            long giveUp = System.nanoTime() + 30_000_000_000L;
            while (acceptedBy(patient.port()) < CAP && System.nanoTime() < giveUp) {
                Thread.sleep(50);
            }
            assertEquals(CAP, acceptedBy(patient.port()));
            Thread.sleep(500); // an uncapped accept loop would have taken the rest of the flood by now
            assertEquals(CAP, acceptedBy(patient.port()), "accepted beyond the cap");
        }
    }

    /**
     * Connections this process accepted on {@code port}: its socket descriptors whose local port is
     * the listener's (client sockets have it as their remote port; the kernel's backlog holds no
     * descriptor of ours).
     */
    private static long acceptedBy(int port) throws IOException {
        java.util.Set<String> inodes = new java.util.HashSet<>();
        // The JDK opens IPv6 sockets where it can: 127.0.0.1 is then ::ffff:127.0.0.1, in tcp6.
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> rows = Files.readAllLines(Path.of(table));
            for (String row : rows.subList(1, rows.size())) {
                String[] f = row.trim().split("\\s+");
                boolean listening = f[3].equals("0A");
                if (!listening && Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16) == port) {
                    inodes.add("socket:[" + f[9] + "]");
                }
            }
        }
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                        try {
                            return inodes.contains(Files.readSymbolicLink(fd).toString());
                        } catch (IOException gone) {
                            return false;
                        }
                    })
                    .count();
        }
    }

    @Test
    void theListenerStillServesAfterTheCapWasHit() throws Exception {
        openIdle(4 * CAP);
        for (Socket s : flood) {
            s.close();
        }
        flood.clear();
        // More requests than the cap, each on a connection of its own: every slot came back.
        for (int i = 0; i < 2 * CAP; i++) {
            assertEquals(200, health(), "request " + i);
        }
    }

    @Test
    void aConnectionThatTricklesItsRequestLineIsClosedAfterTheIdleTimeout() throws Exception {
        try (Socket s = new Socket("127.0.0.1", tc.port())) {
            s.setSoTimeout(200);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            // A byte every 200 ms keeps every read well within any read timeout; only a deadline on
            // the request line as a whole ends it. Give up (fail) after 30 s.
            byte[] line = ("GET /api/health?" + "x".repeat(200)).getBytes(StandardCharsets.US_ASCII);
            boolean closed = false;
            for (int i = 0; i < line.length && !closed; i++) {
                try {
                    out.write(line[i]);
                    out.flush();
                    closed = in.read() < 0;
                } catch (SocketTimeoutException e) {
                    // still open
                } catch (IOException e) {
                    closed = true; // reset by the server
                }
            }
            assertTrue(closed, "the server still reads a request line that never ends");
        }
        assertEquals(200, health());
    }

    private void openIdle(int n) throws IOException {
        for (int i = 0; i < n; i++) {
            flood.add(new Socket("127.0.0.1", tc.port()));
        }
    }

    /** GET /api/health on a connection of its own (a kept-alive one would skip the queue). */
    private int health() throws Exception {
        try (HttpClient fresh = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30))
                .build()) {
            return fresh.send(request(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    private HttpRequest request() {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + tc.port() + "/api/health"))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
    }
}
