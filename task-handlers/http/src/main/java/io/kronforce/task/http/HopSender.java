package io.kronforce.task.http;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.http1.Http1Client;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Sends one hop with Helidon's blocking {@link Http1Client} and reads the whole answer, so the
 * connection goes back to the pool. A keep-alive pool can hand out a connection the server has just
 * closed (it closes idle ones at will: the JDK's {@code HttpServer} keeps at most 200); a request on
 * it dies before any byte of an answer. Such a request is sent once more, on a fresh connection,
 * when its method is idempotent; a POST is only ever sent on a fresh connection. Nothing is resent
 * after part of the answer arrived, nor after a timeout or an interrupt.
 *
 * <p>Thread-safe: it holds only the shared client.
 */
final class HopSender {

    /**
     * The methods RFC 9110 (section 9.2.2) calls idempotent: sending one twice leaves the server as
     * sending it once does, and the standard lets a client resend them after a connection failure.
     * The JDK client resends only GET and HEAD by default; PUT and DELETE are included here because
     * the alternative is a failed run that the job's retry policy would send again anyway, later.
     */
    static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE");

    private static final System.Logger LOG = System.getLogger(HopSender.class.getName());

    private final Http1Client client;

    HopSender(Http1Client client) {
        this.client = client;
    }

    /** What the handler keeps of one response. */
    record Answer(int status, Optional<String> location, byte[] body) {}

    /**
     * Sends {@code hop} and reads its answer; {@code timeout} bounds each wait for the server.
     *
     * <p>A non-idempotent request (POST) never takes a pooled connection: on a dead one it could
     * not be resent (the server may have acted on it), and failing the run there would fail it for
     * the pool's sake, with the job's retry policy then sending it again anyway. A new connection
     * per POST costs a TCP (and TLS) handshake, which a scheduled webhook can afford.
     *
     * @throws UncheckedIOException or another runtime exception of the client when the exchange fails
     */
    Answer send(Hop hop, Duration timeout) {
        // Once request() returns, the status line has arrived, so nothing below it is ever resent.
        try (HttpClientResponse response = request(hop, timeout)) {
            return new Answer(response.status().code(), response.headers().first(HeaderNames.LOCATION), body(response));
        }
    }

    private HttpClientResponse request(Hop hop, Duration timeout) {
        boolean idempotent = IDEMPOTENT.contains(hop.method());
        try {
            return hop.send(client, timeout, !idempotent);
        } catch (RuntimeException e) {
            if (!idempotent || Thread.currentThread().isInterrupted() || !DeadConnection.diedBeforeAnswer(e)) {
                throw e;
            }
            // Host and port only: a URL's path or query may carry a token.
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "{0} to {1}:{2}: pooled connection closed before an answer ({3}); sending it again on a fresh one",
                    hop.method(),
                    hop.uri().getHost(),
                    String.valueOf(hop.uri().getPort()),
                    e);
            return hop.send(client, timeout, true); // once; a failure of this one is the run's
        }
    }

    private static byte[] body(HttpClientResponse response) {
        // A response without a body (204, a redirect, Content-Length: 0) has no entity to read.
        if (!response.entity().hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = response.inputStream()) {
            return in.readAllBytes(); // whole, as before; the host caps what it keeps of stdout
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
