package io.kronforce.task.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP server that accepts connections and never says a word: a client waiting for a
 * greeting or a reply blocks until it gives up, is cancelled, or this server closes. For testing
 * that a handler stops promptly on interrupt or deadline.
 */
public final class SilentServer implements AutoCloseable {

    private final ServerSocket socket;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private SilentServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        acceptor = Thread.ofPlatform().daemon(true).name("silent-server").start(this::acceptForever);
    }

    public static SilentServer start() throws IOException {
        return new SilentServer();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** How many connections were accepted so far. */
    public int connections() {
        return accepted.size();
    }

    /**
     * Whether every accepted connection has been closed by its client: whatever it sent is drained
     * and the read then sees end of stream (or a reset). Use inside an await.
     */
    public boolean allClosedByClient() throws IOException {
        for (Socket s : accepted) {
            if (!closedByClient(s)) {
                return false;
            }
        }
        return true;
    }

    private static boolean closedByClient(Socket s) throws IOException {
        s.setSoTimeout(50);
        byte[] buffer = new byte[4096];
        try {
            while (s.getInputStream().read(buffer) != -1) {
                // drain what the client sent before it went quiet or closed
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private void acceptForever() {
        try {
            while (!socket.isClosed()) {
                accepted.add(socket.accept());
            }
        } catch (IOException closed) {
            // close() ends the loop.
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : accepted) {
            s.close();
        }
        acceptor.interrupt();
    }
}
