package io.kronforce.task.script;

import io.kronforce.task.Stops;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;

/**
 * The network builtins: {@code http_get}, {@code http_post}, {@code tcp_send}, {@code tcp_send_hex},
 * {@code udp_send} and {@code udp_send_hex}. Every address passes the egress policy first, and
 * the socket then goes to the address the policy vetted, so a name cannot re-resolve elsewhere.
 * Failures come back as values (upstream's shapes), never as exceptions; a stop does not.
 */
final class NetBuiltins {
    static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(5);

    private NetBuiltins() {}

    static void install(ScriptableObject scope, ScriptRun run) {
        HostFunction.define(
                scope,
                "http_get",
                1,
                (cx, s, args) -> http(cx, s, run, "GET", HostFunction.text(args, 0, "http_get"), null));
        HostFunction.define(
                scope,
                "http_post",
                2,
                (cx, s, args) -> http(
                        cx,
                        s,
                        run,
                        "POST",
                        HostFunction.text(args, 0, "http_post"),
                        HostFunction.text(args, 1, "http_post")));
        HostFunction.define(
                scope,
                "tcp_send",
                2,
                (cx, s, args) -> tcp(
                        cx,
                        s,
                        run,
                        HostFunction.text(args, 0, "tcp_send"),
                        HostFunction.text(args, 1, "tcp_send").getBytes(StandardCharsets.UTF_8),
                        false));
        HostFunction.define(scope, "tcp_send_hex", 2, (cx, s, args) -> {
            try {
                return tcp(
                        cx,
                        s,
                        run,
                        HostFunction.text(args, 0, "tcp_send_hex"),
                        Hex.decode(HostFunction.text(args, 1, "tcp_send_hex")),
                        true);
            } catch (IllegalArgumentException e) {
                return HostFunction.object(
                        cx, s, "response_hex", "", "response", "", "error", "bad hex: " + e.getMessage());
            }
        });
        HostFunction.define(
                scope,
                "udp_send",
                2,
                (cx, s, args) -> udp(
                        cx,
                        s,
                        run,
                        HostFunction.text(args, 0, "udp_send"),
                        HostFunction.text(args, 1, "udp_send").getBytes(StandardCharsets.UTF_8)));
        HostFunction.define(scope, "udp_send_hex", 2, (cx, s, args) -> {
            try {
                return udp(
                        cx,
                        s,
                        run,
                        HostFunction.text(args, 0, "udp_send_hex"),
                        Hex.decode(HostFunction.text(args, 1, "udp_send_hex")));
            } catch (IllegalArgumentException e) {
                return HostFunction.object(cx, s, "sent", 0, "error", "bad hex: " + e.getMessage());
            }
        });
    }

    /** {@code #{status, body}}; status 0 with the reason in body when nothing came back (upstream's shape). */
    private static Scriptable http(Context cx, Scriptable scope, ScriptRun run, String method, String url, String body)
            throws InterruptedException {
        try {
            URI uri = webUri(url);
            run.egress().check(uri);
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(run.budget().timeLeft(HTTP_TIMEOUT))
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
            HttpResponse<InputStream> response = run.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                String text = new String(readCapped(in, run.budget().limits().stringChars()), StandardCharsets.UTF_8);
                return HostFunction.object(cx, scope, "status", response.statusCode(), "body", text);
            }
        } catch (IOException | IllegalArgumentException e) {
            run.budget().checkpoint(); // a cancel or the deadline surfacing as an I/O error is a stop
            return HostFunction.object(cx, scope, "status", 0, "body", "request failed: " + Stops.causes(e));
        }
    }

    private static URI webUri(String url) throws IOException {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IOException("only http and https URLs are supported");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IOException("invalid URL: " + e.getMessage());
        }
    }

    /** {@code #{response, error}} (and {@code response_hex} for the hex variant). */
    private static Scriptable tcp(
            Context cx, Scriptable scope, ScriptRun run, String address, byte[] data, boolean hex) {
        byte[] answer = new byte[0];
        String error = "";
        try (Socket socket = new Socket()) {
            InetSocketAddress target = vetted(run, address);
            socket.connect(target, (int) run.budget().timeLeft(SOCKET_TIMEOUT).toMillis());
            socket.setSoTimeout((int) run.budget().timeLeft(SOCKET_TIMEOUT).toMillis());
            socket.getOutputStream().write(data);
            socket.shutdownOutput();
            answer = readCapped(socket.getInputStream(), run.budget().limits().stringChars());
        } catch (IOException | IllegalArgumentException e) {
            run.budget().checkpoint();
            error = Stops.causes(e);
        }
        String text = new String(answer, StandardCharsets.UTF_8);
        return hex
                ? HostFunction.object(cx, scope, "response_hex", Hex.encode(answer), "response", text, "error", error)
                : HostFunction.object(cx, scope, "response", text, "error", error);
    }

    /** {@code #{sent, error}}. */
    private static Scriptable udp(Context cx, Scriptable scope, ScriptRun run, String address, byte[] data) {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(data, data.length, vetted(run, address)));
            return HostFunction.object(cx, scope, "sent", data.length, "error", "");
        } catch (IOException | IllegalArgumentException e) {
            run.budget().checkpoint();
            return HostFunction.object(cx, scope, "sent", 0, "error", Stops.causes(e));
        }
    }

    /** {@code host:port} (or {@code [v6]:port}) checked against the egress policy. */
    private static InetSocketAddress vetted(ScriptRun run, String address) throws IOException {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IOException("address must be host:port, got '" + address + "'");
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IOException("invalid port in '" + address + "'");
        }
        InetAddress allowed =
                run.egress().checkHost(address.substring(0, colon)).get(0);
        return new InetSocketAddress(allowed, port);
    }

    /** Reads to the end, or what arrived before a read timeout; more than {@code max} bytes is an error. */
    private static byte[] readCapped(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                if (out.size() > max) {
                    throw new IOException("response larger than " + max + " bytes");
                }
            }
        } catch (SocketTimeoutException quiet) {
            // Upstream keeps what a peer sent before going quiet without closing.
        }
        return out.toByteArray();
    }
}
