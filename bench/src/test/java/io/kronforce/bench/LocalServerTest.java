package io.kronforce.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** B7 probes a case's server before building the case, so a down server reads as skipped, not failed. */
class LocalServerTest {

    @Test
    void aListeningPortIsReachableAndAClosedOneIsNot() throws Exception {
        int port;
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = listening.getLocalPort();
            assertTrue(new HandlerBench.LocalServer("test", port).reachable());
        }
        assertFalse(new HandlerBench.LocalServer("test", port).reachable());
    }

    @Test
    void itIsNamedWithItsAddressInTheSkippedRow() {
        assertEquals("Redis on 127.0.0.1:6379", HandlerBench.LocalServer.REDIS.toString());
    }
}
