package io.kronforce.task.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.kronforce.task.ConfigViolation;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.testkit.LoadedHandler;
import io.kronforce.task.testkit.ReadmeExample;
import java.util.List;
import org.junit.jupiter.api.Test;

class S3TaskCheckTest {

    private final S3TaskHandler handler = new S3TaskHandler(new HandlerSettings(EgressPolicy.publicOnly()));

    @Test
    void theReadmeExampleBindsAndPasses() {
        List<S3Task> examples = ReadmeExample.tasks("s3", S3Task.class);
        assertEquals(1, examples.size());
        assertEquals(List.of(), handler.check(examples.get(0)));
    }

    @Test
    void serviceLoaderFindsTheHandler() {
        assertInstanceOf(S3TaskHandler.class, LoadedHandler.of("s3"));
    }

    @Test
    void minimalTasksPass() {
        assertEquals(
                List.of(),
                pointers(new S3Task(
                        "get", "b", "k", null, null, null, null, null, null, null, null, null, null, null, null)));
        assertEquals(
                List.of(),
                pointers(new S3Task(
                        "LIST",
                        null,
                        null,
                        "p/",
                        null,
                        null,
                        null,
                        null,
                        null,
                        "eu-west-1",
                        null,
                        null,
                        null,
                        50,
                        "archive")),
                "a connection may supply the bucket");
    }

    @Test
    void operationAndBucketAreRequired() {
        assertEquals(
                List.of("/operation", "/bucket"),
                pointers(new S3Task(
                        "copy", " ", null, null, null, null, null, null, null, null, null, null, null, null, null)));
    }

    @Test
    void putNeedsAKeyAndExactlyOneSource() {
        assertEquals(List.of("/key", "/local_path"), pointers(put(null, null, null)));
        assertEquals(List.of("/content"), pointers(put("k", "/tmp/f", "text")));
    }

    @Test
    void fieldsOfOtherOperationsArePointedAt() {
        assertEquals(
                List.of("/key", "/local_path", "/max_keys", "/content", "/content_type"),
                pointers(new S3Task(
                        "list",
                        "b",
                        "k",
                        null,
                        "/tmp/x",
                        "c",
                        "text/plain",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        0,
                        null)));
        assertEquals(
                List.of("/prefix", "/max_keys"),
                pointers(new S3Task(
                        "get", "b", "k", "p", null, null, null, null, null, null, null, null, null, 5, null)));
    }

    @Test
    void endpointRegionAndCredentialsAreJudged() {
        S3Task bad = new S3Task(
                "get", "b", "k", null, null, null, null, "ftp://x", null, "US East", "AKID", null, null, null, null);
        assertEquals(List.of("/endpoint", "/region", "/secret_key"), pointers(bad));
        S3Task token = new S3Task(
                "get", "b", "k", null, null, null, null, "http://user:pw@h", null, null, null, "s", "t", null, null);
        assertEquals(List.of("/endpoint", "/access_key", "/session_token"), pointers(token));
    }

    @Test
    void toStringMasksKeysAndTokens() {
        String text = new S3Task(
                        "put",
                        "b",
                        "k",
                        null,
                        null,
                        "body-text",
                        null,
                        null,
                        null,
                        null,
                        "AKIDSECRETISH",
                        "wJalrXUtnFEMI",
                        "token-value",
                        null,
                        null)
                .toString();
        assertFalse(
                text.contains("AKIDSECRETISH")
                        || text.contains("wJalrXUtnFEMI")
                        || text.contains("token-value")
                        || text.contains("body-text"),
                text);
    }

    private static S3Task put(String key, String localPath, String content) {
        return new S3Task(
                "put", "b", key, null, localPath, content, null, null, null, null, null, null, null, null, null);
    }

    private List<String> pointers(S3Task task) {
        return handler.check(task).stream().map(ConfigViolation::pointer).toList();
    }
}
