package io.kronforce.task.nats;

import io.kronforce.task.testkit.ClosedPort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A second, real nats-server started for one test with a user and password, because the shared
 * server on 4222 has no authentication and so cannot refuse a wrong password.
 */
final class PasswordServer implements AutoCloseable {

    static final String USER = "kf-user";
    static final String PASSWORD = "R1ghtPassword";

    private final Process process;
    final int port;

    private PasswordServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static PasswordServer start(Path dir) throws IOException, InterruptedException {
        int port = ClosedPort.find();
        Process server = new ProcessBuilder(
                        "nats-server",
                        "-a",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(port),
                        "--user",
                        USER,
                        "--pass",
                        PASSWORD)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile())
                .start();
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < until) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return new PasswordServer(server, port);
            } catch (IOException notYet) {
                if (!server.isAlive()) {
                    throw new IOException("nats-server exited, see " + dir.resolve("server.log"));
                }
                Thread.sleep(50);
            }
        }
        server.destroyForcibly();
        throw new IOException("nats-server did not listen on " + port);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
