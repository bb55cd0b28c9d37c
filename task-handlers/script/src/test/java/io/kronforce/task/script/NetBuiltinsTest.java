package io.kronforce.task.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.TaskOutcome;
import io.kronforce.task.testkit.TestTaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** http, tcp and udp builtins against real loopback servers, with and without the egress allowance. */
class NetBuiltinsTest {
    private HttpServer http;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private String base;

    @BeforeEach
    void start() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(ex.getRequestMethod() + " " + ex.getRequestURI() + " " + body);
            byte[] answer = ("got " + ex.getRequestMethod()).getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(ex.getRequestURI().getPath().equals("/missing") ? 404 : 200, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        http.start();
        base = "http://127.0.0.1:" + http.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        http.stop(0);
    }

    @Test
    void httpGetAndPostReachAnAllowedLoopbackServer() throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        TaskOutcome outcome = Scripts.run(Scripts.handler(), """
                let r = http_get('%1$s/health'); print(r.status, r.body);
                let p = http_post('%1$s/hooks', '{"n":1}'); print(p.status, p.body);
                print(http_get('%1$s/missing').status);
                """.formatted(base), ctx);
        assertEquals(TaskOutcome.Succeeded.withExitCode(0), outcome);
        assertEquals("200 got GET\n200 got POST\n404\n", ctx.output().stdoutText());
        assertEquals(List.of("GET /health ", "POST /hooks {\"n\":1}", "GET /missing "), requests);
    }

    @Test
    void httpGetToLoopbackIsRefusedWithoutTheAllowanceAndSendsNothing() throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        Scripts.run(
                Scripts.handler(EgressPolicy.publicOnly()),
                "let r = http_get('" + base + "/health'); print(r.status); print(r.body)",
                ctx);
        String[] lines = ctx.output().stdoutText().split("\n");
        assertEquals("0", lines[0]);
        assertTrue(lines[1].startsWith("request failed: ") && lines[1].contains("non-public"), lines[1]);
        assertEquals(List.of(), requests);
    }

    @Test
    void httpGetRefusesOtherSchemes() throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        Scripts.run(Scripts.handler(), "print(http_get('file:///etc/passwd').body)", ctx);
        assertEquals(
                "request failed: only http and https URLs are supported\n",
                ctx.output().stdoutText());
    }

    @Test
    void tcpSendAndTcpSendHexGetThePeersAnswer() throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            Thread.ofVirtual().start(() -> serveUpperCase(echo));
            String address = "127.0.0.1:" + echo.getLocalPort();
            TestTaskContext ctx = TestTaskContext.plain();
            Scripts.run(Scripts.handler(), """
                    let a = tcp_send('%1$s', 'ping'); print(a.response, '[' + a.error + ']');
                    let b = tcp_send_hex('%1$s', '6869'); print(b.response_hex, b.response, '[' + b.error + ']');
                    print(tcp_send_hex('%1$s', 'xyz').error);
                    """.formatted(address), ctx);
            assertEquals(
                    "PING []\n4849 HI []\nbad hex: odd number of hex digits\n",
                    ctx.output().stdoutText());
        }
    }

    @Test
    void tcpSendToLoopbackIsRefusedWithoutTheAllowance() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            TestTaskContext ctx = TestTaskContext.plain();
            Scripts.run(
                    Scripts.handler(EgressPolicy.publicOnly()),
                    "print(tcp_send('127.0.0.1:" + listening.getLocalPort() + "', 'x').error)",
                    ctx);
            assertTrue(
                    ctx.output().stdoutText().contains("non-public"),
                    ctx.output().stdoutText());
        }
    }

    @Test
    void udpSendAndUdpSendHexDeliverADatagram() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            receiver.setSoTimeout(10_000);
            String address = "127.0.0.1:" + receiver.getLocalPort();
            TestTaskContext ctx = TestTaskContext.plain();
            Scripts.run(Scripts.handler(), """
                    let a = udp_send('%1$s', 'metric:1|c'); print(a.sent, '[' + a.error + ']');
                    let b = udp_send_hex('%1$s', 'cafe'); print(b.sent);
                    print(udp_send('%1$s', 'x').sent, udp_send('nowhere', 'x').sent);
                    """.formatted(address), ctx);
            assertEquals("10 []\n2\n1 0\n", ctx.output().stdoutText());
            assertEquals("metric:1|c", receive(receiver));
            assertEquals("\u00ca\u00fe", new String(receiveBytes(receiver), StandardCharsets.ISO_8859_1));
        }
        TestTaskContext refused = TestTaskContext.plain();
        Scripts.run(Scripts.handler(EgressPolicy.publicOnly()), "print(udp_send('127.0.0.1:9', 'x').error)", refused);
        assertTrue(
                refused.output().stdoutText().contains("non-public"),
                refused.output().stdoutText());
    }

    private static String receive(DatagramSocket socket) throws IOException {
        return new String(receiveBytes(socket), StandardCharsets.UTF_8);
    }

    private static byte[] receiveBytes(DatagramSocket socket) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[1024], 1024);
        socket.receive(packet);
        return java.util.Arrays.copyOf(packet.getData(), packet.getLength());
    }

    private static void serveUpperCase(ServerSocket server) {
        try {
            while (true) {
                try (Socket s = server.accept();
                        InputStream in = s.getInputStream();
                        OutputStream out = s.getOutputStream()) {
                    out.write(new String(in.readAllBytes(), StandardCharsets.UTF_8)
                            .toUpperCase()
                            .getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException closed) {
            // the test closed the server
        }
    }
}
