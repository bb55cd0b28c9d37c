package io.kronforce.task.http;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP/1.1 server that closes keep-alive connections the way a busy server does: it
 * answers the first {@code answersPerConnection} requests of a connection with {@code 200 ok},
 * announcing keep-alive, and closes the connection on the next request without a byte of answer.
 * A client that reuses a pooled connection thus finds it dead exactly when it has sent a request.
 */
final class ClosingServer implements AutoCloseable {

    /** One request as the server read it; {@code connection} numbers the connections from 1. */
    record Received(int connection, String method, String connectionHeader, String body) {}

    private final ServerSocket socket;
    private final int answersPerConnection;
    private final String rawReply;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();

    private ClosingServer(int answersPerConnection, String rawReply) throws IOException {
        this.answersPerConnection = answersPerConnection;
        this.rawReply = rawReply;
        socket = new ServerSocket(0, 200, InetAddress.getByName("127.0.0.1"));
        Thread.ofVirtual().name("closing-server").start(this::acceptForever);
    }

    /** Answers {@code answersPerConnection} requests per connection (0: none), then closes it. */
    static ClosingServer answering(int answersPerConnection) throws IOException {
        return new ClosingServer(answersPerConnection, null);
    }

    /** Sends {@code raw} (say, only a status line) to every request, then closes the connection. */
    static ClosingServer replyingThenClosing(String raw) throws IOException {
        return new ClosingServer(0, raw);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
    }

    /** Every request read so far, answered or not. */
    List<Received> received() {
        return List.copyOf(received);
    }

    int answered() {
        return answered.get();
    }

    private void acceptForever() {
        while (!socket.isClosed()) {
            try {
                Socket accepted = socket.accept();
                int number = connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(accepted, number));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket connection, int number) {
        try (connection) {
            InputStream in = new BufferedInputStream(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            for (int served = 0; ; served++) {
                Received request = read(in, number);
                if (request == null) {
                    return; // the client closed it
                }
                received.add(request);
                if (rawReply != null) {
                    out.write(rawReply.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    return;
                }
                if (served == answersPerConnection) {
                    return; // closed with the request unanswered, as on an idle-connection limit
                }
                answered.incrementAndGet();
                out.write(("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException e) {
            // the client went away; nothing to record
        }
    }

    private static Received read(InputStream in, int connection) throws IOException {
        String requestLine = line(in);
        if (requestLine == null || requestLine.isEmpty()) {
            return null;
        }
        List<String> headers = new ArrayList<>();
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            headers.add(header);
        }
        int length = Integer.parseInt(header(headers, "content-length", "0"));
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        String method = requestLine.substring(0, requestLine.indexOf(' '));
        return new Received(connection, method, header(headers, "connection", ""), body);
    }

    private static String header(List<String> headers, String name, String absent) {
        return headers.stream()
                .filter(h -> h.toLowerCase(Locale.ROOT).startsWith(name + ":"))
                .map(h -> h.substring(name.length() + 1).trim())
                .findFirst()
                .orElse(absent);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.isEmpty() ? null : line.toString();
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
