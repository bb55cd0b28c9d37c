package io.kronforce.task.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.TaskOutcome;
import io.kronforce.task.testkit.TestTaskContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

class S3TaskHandlerTest {

    private static final String BUCKET = "kronforce-test";
    private static S3ProxyServer server;

    @TempDir
    static Path store;

    @TempDir
    Path dir;

    private final S3TaskHandler handler = new S3TaskHandler(new HandlerSettings(EgressPolicy.parse("127.0.0.1/32")));

    @BeforeAll
    static void start() throws Exception {
        server = new S3ProxyServer(store);
        try (S3Client client = server.client()) {
            client.createBucket(b -> b.bucket(BUCKET));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void putThenGetReturnsTheSameBytes() throws Exception {
        byte[] payload = new byte[700_000];
        new Random(7).nextBytes(payload);
        Path source = Files.write(dir.resolve("upload.bin"), payload);
        TestTaskContext putCtx = TestTaskContext.plain();
        TaskOutcome put = handler.run(task("put", "reports/2026/upload.bin", source, null), putCtx);
        TaskOutcome.Succeeded stored = assertInstanceOf(TaskOutcome.Succeeded.class, put, put::toString);
        assertEquals("700000", stored.outputs().get("bytes"));
        assertTrue(
                putCtx.output()
                        .stdoutText()
                        .startsWith("put s3://kronforce-test/reports/2026/upload.bin (700000 bytes, etag "),
                putCtx.output().stdoutText());

        Path copy = dir.resolve("download.bin");
        TestTaskContext getCtx = TestTaskContext.plain();
        TaskOutcome got = handler.run(task("get", "reports/2026/upload.bin", copy, null), getCtx);
        assertInstanceOf(TaskOutcome.Succeeded.class, got, got::toString);
        assertArrayEquals(payload, Files.readAllBytes(copy));
        assertEquals(
                "got s3://kronforce-test/reports/2026/upload.bin to " + copy + " (700000 bytes)\n",
                getCtx.output().stdoutText());
    }

    @Test
    void textContentComesBackOnStdout() throws Exception {
        assertInstanceOf(
                TaskOutcome.Succeeded.class,
                handler.run(task("put", "notes/hello.txt", null, "héllo, wörld\n"), TestTaskContext.plain()));
        TestTaskContext ctx = TestTaskContext.plain();
        assertInstanceOf(TaskOutcome.Succeeded.class, handler.run(task("get", "notes/hello.txt", null, null), ctx));
        assertEquals("héllo, wörld\n", ctx.output().stdoutText());
    }

    @Test
    void listShowsTheKeysUnderAPrefix() throws Exception {
        handler.run(task("put", "list/a.txt", null, "a"), TestTaskContext.plain());
        handler.run(task("put", "list/b.txt", null, "bb"), TestTaskContext.plain());
        handler.run(task("put", "other/c.txt", null, "c"), TestTaskContext.plain());
        TestTaskContext ctx = TestTaskContext.plain();
        S3Task list = new S3Task(
                "list",
                BUCKET,
                null,
                "list/",
                null,
                null,
                null,
                server.endpoint(),
                null,
                null,
                S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY,
                null,
                1,
                null);
        TaskOutcome outcome = handler.run(list, ctx);
        assertInstanceOf(TaskOutcome.Succeeded.class, outcome, outcome::toString);
        String[] lines = ctx.output().stdoutText().split("\n");
        assertEquals(2, lines.length, ctx.output().stdoutText());
        assertTrue(lines[0].startsWith("1\t") && lines[0].endsWith("\tlist/a.txt"), lines[0]);
        assertEquals("(1 objects, more not shown: max_keys is 1)", lines[1]);
    }

    @Test
    void wrongCredentialsFailClearlyWithoutEchoingThem() throws Exception {
        String wrongSecret = "definitely-not-the-secret";
        S3Task task = new S3Task(
                "get",
                BUCKET,
                "notes/x",
                null,
                null,
                null,
                null,
                server.endpoint(),
                null,
                null,
                S3ProxyServer.ACCESS_KEY,
                wrongSecret,
                null,
                null,
                null);
        TaskOutcome.Failed failed =
                assertInstanceOf(TaskOutcome.Failed.class, handler.run(task, TestTaskContext.plain()));
        assertTrue(failed.reason().startsWith("s3 get failed: HTTP 403 SignatureDoesNotMatch"), failed.reason());
        assertFalse(failed.reason().contains(wrongSecret), failed.reason());
        assertFalse(failed.retryable());
    }

    @Test
    void aMissingKeyIsNotRetried() throws Exception {
        TaskOutcome.Failed failed = assertInstanceOf(
                TaskOutcome.Failed.class,
                handler.run(task("get", "no/such/key", dir.resolve("x"), null), TestTaskContext.plain()));
        assertTrue(failed.reason().startsWith("s3 get failed: HTTP 404 NoSuchKey"), failed.reason());
        assertFalse(failed.retryable());
        assertFalse(Files.exists(dir.resolve("x")));
    }

    @Test
    void theEgressPolicyRefusesLoopbackByDefault() throws Exception {
        S3TaskHandler strict = new S3TaskHandler(new HandlerSettings(EgressPolicy.publicOnly()));
        TaskOutcome.Failed failed = assertInstanceOf(
                TaskOutcome.Failed.class, strict.run(task("get", "any", null, null), TestTaskContext.plain()));
        assertTrue(
                failed.reason().startsWith("s3 request refused: host '127.0.0.1' resolves to non-public address"),
                failed.reason());
    }

    private static S3Task task(String operation, String key, Path local, String content) {
        return new S3Task(
                operation,
                BUCKET,
                key,
                null,
                local == null ? null : local.toString(),
                content,
                null,
                server.endpoint(),
                null,
                null,
                S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY,
                null,
                null,
                null);
    }
}
