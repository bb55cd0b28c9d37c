package io.kronforce.bench;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The B3 baseline, run as a child JVM: a Helidon hello-world that answers {@code GET /hello} with
 * {@code {"message":"hello"}} on 127.0.0.1. Prints {@code PORT=<n>} once listening, and exits
 * when its stdin closes, i.e. when the driver that started it ends, however it ends.
 */
public final class HelloServerMain {

    private static final byte[] BODY = "{\"message\":\"hello\"}".getBytes(StandardCharsets.UTF_8);

    private HelloServerMain() {}

    /** Entry point; takes no arguments. */
    public static void main(String[] args) throws IOException {
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .routing(routing -> routing.get("/hello", (req, res) -> {
                    res.header(HeaderValues.CONTENT_TYPE_JSON);
                    res.send(BODY);
                }))
                .build()
                .start();
        System.out.println("PORT=" + server.port());
        System.out.flush();
        IdleMain.awaitParentExit();
        server.stop();
    }
}
