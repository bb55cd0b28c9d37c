package io.kronforce.bench;

import com.sun.net.httpserver.HttpServer;
import io.kronforce.task.file.FilePushTask;
import io.kronforce.task.file.FilePushTaskHandler;
import io.kronforce.task.http.HttpTask;
import io.kronforce.task.http.HttpTaskHandler;
import io.kronforce.task.script.ScriptTask;
import io.kronforce.task.script.ScriptTaskHandler;
import io.kronforce.task.shell.ShellTask;
import io.kronforce.task.shell.ShellTaskHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Scriptable;

/**
 * B7 rows for the handlers that need no server of this machine's: shell against a bare
 * {@code sh -c} spawn, http against a bare JDK client GET of the same loopback server, file_push
 * against a bare {@code Files.write}, script against a bare Rhino evaluation of the same code.
 */
final class LocalCases {
    private static final byte[] BODY = "tick".getBytes(StandardCharsets.UTF_8);

    private LocalCases() {}

    static HandlerCase shell() {
        return new HandlerCase(
                HandlerCase.run(new ShellTaskHandler(), new ShellTask("true", null)),
                () -> {
                    Process p = new ProcessBuilder("sh", "-c", "true").start();
                    if (p.waitFor() != 0) {
                        throw new IllegalStateException("sh -c true failed");
                    }
                },
                () -> {});
    }

    /** A GET of a loopback server that answers 200 "tick"; each side uses a fresh client, as a run does. */
    static HandlerCase http() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            ex.sendResponseHeaders(200, BODY.length);
            ex.getResponseBody().write(BODY);
            ex.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/tick";
        return new HandlerCase(
                HandlerCase.run(
                        new HttpTaskHandler(HandlerCase.LOOPBACK), new HttpTask("GET", url, null, null, null, null)),
                () -> {
                    try (HttpClient client = HttpClient.newHttpClient()) {
                        int status = client.send(
                                        HttpRequest.newBuilder(URI.create(url)).build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode();
                        if (status != 200) {
                            throw new IllegalStateException("HTTP " + status);
                        }
                    }
                },
                () -> server.stop(0));
    }

    static HandlerCase filePush(Path scratch) throws Exception {
        Path root = Files.createTempDirectory(scratch, "b7-push-");
        FilePushTask task = new FilePushTask(
                "tick.txt", root.toString(), Base64.getEncoder().encodeToString(BODY), null, true);
        return new HandlerCase(
                HandlerCase.run(new FilePushTaskHandler(), task),
                () -> Files.write(root.resolve("bare.txt"), BODY),
                () -> {});
    }

    static HandlerCase script() {
        String code = "var s = 0; for (var i = 0; i < 100; i++) { s += i; } print(s);";
        return new HandlerCase(
                HandlerCase.run(new ScriptTaskHandler(HandlerCase.LOOPBACK), new ScriptTask(null, code, null)),
                () -> {
                    Context cx = Context.enter();
                    try {
                        cx.setInterpretedMode(true);
                        Scriptable scope = cx.initSafeStandardObjects();
                        cx.evaluateString(scope, code.replace("print(s);", "s;"), "bare", 1, null);
                    } finally {
                        Context.exit();
                    }
                },
                () -> {});
    }
}
