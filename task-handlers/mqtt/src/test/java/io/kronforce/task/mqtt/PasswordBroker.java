package io.kronforce.task.mqtt;

import io.kronforce.task.testkit.ClosedPort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A second, real Mosquitto started for one test class with a password file, because the shared
 * broker on 1883 allows anonymous clients and so cannot refuse a wrong password.
 */
final class PasswordBroker implements AutoCloseable {

    static final String USER = "kf-user";
    static final String PASSWORD = "R1ghtPassword";

    private final Process process;
    final int port;

    private PasswordBroker(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static PasswordBroker start(Path dir) throws IOException, InterruptedException {
        Path passwords = dir.resolve("passwd");
        Process hash = new ProcessBuilder("mosquitto_passwd", "-b", "-c", passwords.toString(), USER, PASSWORD)
                .redirectErrorStream(true)
                .start();
        if (hash.waitFor() != 0) {
            throw new IOException("mosquitto_passwd failed: "
                    + new String(hash.getInputStream().readAllBytes()));
        }
        int port = ClosedPort.find();
        Path config = dir.resolve("mosquitto.conf");
        // "user" keeps a root-started broker from switching to an account that cannot read the temp dir.
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "listener " + port + " 127.0.0.1",
                        "allow_anonymous false",
                        "password_file " + passwords,
                        "persistence false",
                        "user " + System.getProperty("user.name"),
                        ""));
        Process broker = new ProcessBuilder("mosquitto", "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("broker.log").toFile())
                .start();
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < until) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return new PasswordBroker(broker, port);
            } catch (IOException notYet) {
                if (!broker.isAlive()) {
                    throw new IOException("mosquitto exited: " + Files.readString(dir.resolve("broker.log")));
                }
                Thread.sleep(50);
            }
        }
        broker.destroyForcibly();
        throw new IOException("mosquitto did not listen on " + port);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
