package io.kronforce.controller.http;

import static io.kronforce.controller.testing.Api.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.store.OutboxStore;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import io.kronforce.notifier.testkit.RecordingPeer;
import io.kronforce.notifier.testkit.RecordingPeer.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notifications end to end: a job's rule, the outbox, the delivery loop and a real loopback
 * peer standing in for Slack or PagerDuty; events and restarts seen through the API.
 */
class NotificationsApiTest {
    private static final String HOOK = "/services/T000/B000/s3cr3tT0ken";
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    TestController tc;
    RecordingPeer peer;

    @BeforeEach
    void start() throws Exception {
        tc = TestController.start(dir);
        peer = RecordingPeer.start();
    }

    @AfterEach
    void stop() {
        tc.close();
        peer.close();
    }

    private void slackWebhook() {
        String setting = "{\"enabled\":true,\"url\":\"" + peer.url(HOOK) + "\",\"format\":\"slack\"}";
        assertEquals(
                200,
                tc.put("/api/settings", Role.ADMIN, Map.of("notification_webhook", setting))
                        .status());
    }

    private String failingJob(String notifications) throws Exception {
        return Api.createJob(
                tc,
                Jobs.shell(Jobs.uniqueName("nightly"), "echo disk full >&2; exit 3")
                        .with("notifications", TestController.JSON.readTree(notifications)));
    }

    private List<JsonNode> events(String kind) {
        List<JsonNode> out = new ArrayList<>();
        tc.read("/api/events?per_page=100").path("data").forEach(e -> {
            if (e.path("kind").asText().equals(kind)) {
                out.add(e);
            }
        });
        return out;
    }

    private void awaitRequests(int count) {
        Awaitility.await("peer requests")
                .atMost(PATIENCE)
                .until(() -> peer.requests().size() >= count);
    }

    /** Attempts recorded on the outbox rows, read from the controller's file as another reader would. */
    private long recordedAttempts() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tc.dbFile());
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT COALESCE(SUM(attempts), 0) FROM notification_outbox")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private JsonNode awaitEvent(String kind) {
        Awaitility.await(kind).atMost(PATIENCE).until(() -> !events(kind).isEmpty());
        return events(kind).getFirst();
    }

    @Test
    void aFailedRunIsPostedToSlackAndRecordedAsSent() throws Exception {
        peer.on(HOOK, Reply.of(200, "ok"));
        slackWebhook();
        String job = failingJob("{\"on_failure\":true}");
        String execution = Api.trigger(tc, job);

        JsonNode sent = awaitEvent("notification.sent");
        JsonNode payload = TestController.JSON.readTree(peer.single().body());
        assertTrue(payload.path("text").asText().startsWith("*[Kronforce] Job 'nightly-"), payload::toString);
        assertTrue(payload.path("text").asText().contains("Status: failed"), payload::toString);
        assertEquals(execution, sent.path("execution_id").asText());
        assertEquals(job, sent.path("job_id").asText());
        assertFalse(sent.toString().contains("s3cr3tT0ken"), sent::toString);
    }

    @Test
    void exhaustedRetriesAreAnnouncedOnceUnderTheirOwnFlag() throws Exception {
        peer.on(HOOK, Reply.of(200, "ok"));
        slackWebhook();
        String job = Api.createJob(
                tc,
                Jobs.shell(Jobs.uniqueName("flaky"), "echo nope >&2; exit 1")
                        .with("retry_max", TestController.JSON.readTree("1"))
                        .with("notifications", TestController.JSON.readTree("{\"on_retries_exhausted\":true}")));
        Api.trigger(tc, job);

        JsonNode exhausted = awaitEvent("execution.retries_exhausted");
        awaitEvent("notification.sent");
        JsonNode payload = TestController.JSON.readTree(peer.single().body());
        assertTrue(payload.path("text").asText().contains("failed after its last retry"), payload::toString);
        assertTrue(
                payload.path("text")
                        .asText()
                        .contains(exhausted.path("execution_id").asText()),
                payload::toString);
        assertEquals(2, tc.read("/api/jobs/" + job + "/executions").path("data").size(), "the run and its retry");
    }

    @Test
    void successIsNotAnnouncedUnderOnFailure() throws Exception {
        peer.on(HOOK, Reply.of(200, "ok"));
        slackWebhook();
        String job = Api.createJob(
                tc,
                Jobs.shell(Jobs.uniqueName("quiet"), "true")
                        .with("notifications", TestController.JSON.readTree("{\"on_failure\":true}")));
        String ok = Api.trigger(tc, job);
        Api.awaitStatus(tc, ok, "succeeded", PATIENCE);
        String noisy = failingJob("{\"on_failure\":true}");
        Api.trigger(tc, noisy);

        awaitEvent("notification.sent");
        assertEquals(1, peer.requests().size(), "only the failure is announced");
    }

    @Test
    void unavailableThenOkIsRetriedAfterRetryAfter() throws Exception {
        // 3 s: neither the 1 s floor nor the 15 s default backoff, so only an honoured header gives it.
        peer.on(HOOK, Reply.of(503, "busy", "Retry-After", "3"), Reply.of(200, "ok"));
        slackWebhook();
        OutboxStore outbox = new OutboxStore(tc.parts().db());
        long before = System.currentTimeMillis(); // the controller under test runs on the system clock
        Api.trigger(tc, failingJob("{\"on_failure\":true}"));
        Awaitility.await("first attempt settled")
                .atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> outbox.all().stream().anyMatch(r -> r.attempts() == 1));
        long after = System.currentTimeMillis();
        long next = outbox.all().getFirst().nextAttemptMs();
        assertTrue(
                next >= before + 3_000 && next <= after + 3_000,
                () -> "next attempt at " + next + ", expected Retry-After past an attempt in [" + before + ", " + after
                        + "]");

        JsonNode sent = awaitEvent("notification.sent");
        assertEquals(2, peer.requests().size());
        assertEquals(
                2,
                TestController.JSON
                        .readTree(sent.path("details").asText())
                        .path("attempts")
                        .asInt());
    }

    @Test
    void badRequestIsGivenUpAtOnce() throws Exception {
        peer.on(HOOK, Reply.of(400, "invalid_payload"));
        slackWebhook();
        Api.trigger(tc, failingJob("{\"on_failure\":true}"));

        JsonNode failed = awaitEvent("notification.failed");
        assertEquals("error", failed.path("severity").asText());
        String detail = TestController.JSON
                .readTree(failed.path("details").asText())
                .path("detail")
                .asText();
        assertTrue(detail.contains("400: invalid_payload"), detail);
        assertFalse(detail.contains("s3cr3tT0ken"), detail);
        assertEquals(1, peer.requests().size());
        assertTrue(events("notification.sent").isEmpty());
    }

    @Test
    void aRetrySurvivesARestart() throws Exception {
        peer.on(HOOK, Reply.of(503, "busy", "Retry-After", "2"), Reply.of(200, "ok"));
        slackWebhook();
        Api.trigger(tc, failingJob("{\"on_failure\":true}"));
        awaitRequests(1);
        // The peer answering is not the attempt recorded: a stop before that abandons the attempt, and
        // its row is simply tried again from the start (at least once, as DeliveryLoop says).
        Awaitility.await("first attempt recorded").atMost(PATIENCE).until(() -> recordedAttempts() == 1);

        tc.restart();

        JsonNode sent = awaitEvent("notification.sent");
        assertEquals(2, peer.requests().size(), "one retry after the restart, nothing sent twice");
        assertEquals(
                2,
                TestController.JSON
                        .readTree(sent.path("details").asText())
                        .path("attempts")
                        .asInt());
    }

    @Test
    void pagerDutyIncidentOpensOnFailureAndResolvesOnTheNextSuccess() throws Exception {
        peer.on("/v2/enqueue", Reply.json(202, "{\"status\":\"success\",\"message\":\"Event processed\"}"));
        String channels = "[{\"name\":\"pd\",\"type\":\"pagerduty\",\"routing_key\":\"R0UTINGKEY\",\"events_url\":\""
                + peer.url("/v2/enqueue") + "\"}]";
        assertEquals(
                200,
                tc.put("/api/settings", Role.ADMIN, Map.of("notification_channels", channels))
                        .status());
        Path marker = dir.resolve("healthy");
        String job = Api.createJob(
                tc,
                Jobs.shell(Jobs.uniqueName("flaky"), "test -f '" + marker + "'")
                        .with("notifications", TestController.JSON.readTree("{\"on_failure\":true}")));

        Api.awaitStatus(tc, Api.trigger(tc, job), "failed", PATIENCE);
        awaitRequests(1);
        Files.writeString(marker, "ok");
        Api.awaitStatus(tc, Api.trigger(tc, job), "succeeded", PATIENCE);
        awaitRequests(2);

        JsonNode trigger = TestController.JSON.readTree(peer.requests().get(0).body());
        JsonNode resolve = TestController.JSON.readTree(peer.requests().get(1).body());
        assertEquals("trigger", trigger.path("event_action").asText());
        assertEquals("resolve", resolve.path("event_action").asText());
        assertEquals("kronforce/job/" + job, trigger.path("dedup_key").asText());
        assertEquals(trigger.path("dedup_key"), resolve.path("dedup_key"));
        assertEquals("R0UTINGKEY", resolve.path("routing_key").asText());
    }

    @Test
    void testEndpointSendsThroughEveryEnabledDestination() throws Exception {
        peer.on(HOOK, Reply.of(200, "ok"));
        slackWebhook();
        TestController.Response r = tc.post("/api/notifications/test", Role.OPERATOR, null);

        assertEquals(200, r.status(), r::toString);
        assertEquals("ok", r.json().path("status").asText());
        assertEquals("delivered", r.json().path("results").get(0).path("result").asText());
        assertTrue(peer.single().body().contains("Test notification"));
    }

    @Test
    void testEndpointWithNothingEnabledIs400() {
        assertProblem(tc.post("/api/notifications/test", Role.OPERATOR, null), 400);
    }

    @Test
    void testEndpointReportsAFailingDestinationWithoutItsSecret() {
        peer.on(HOOK, Reply.of(404, "no_service"));
        slackWebhook();
        TestController.Response r = tc.post("/api/notifications/test", Role.ADMIN, null);
        assertEquals(200, r.status(), r::toString);
        assertEquals("failed", r.json().path("status").asText());
        assertEquals(
                "undeliverable", r.json().path("results").get(0).path("result").asText());
        assertFalse(r.body().contains("s3cr3tT0ken"), r::toString);
    }

    @Test
    void webhookUrlsAreMaskedInSettingsForEveryRole() {
        slackWebhook();
        for (Role role : List.of(Role.VIEWER, Role.OPERATOR, Role.ADMIN)) {
            String value = tc.get("/api/settings", role)
                    .json()
                    .path("notification_webhook")
                    .asText();
            assertFalse(value.contains("s3cr3tT0ken"), value);
            assertTrue(value.contains("\"format\":\"slack\""), value);
        }
    }

    @Test
    void settingsThatCouldNeverDeliverAreRefusedWith400() {
        String badUrl = "{\"enabled\":true,\"url\":\"hooks.slack.com/no-scheme\",\"format\":\"slack\"}";
        var r = assertProblem(tc.put("/api/settings", Role.ADMIN, Map.of("notification_webhook", badUrl)), 400);
        assertTrue(r.toString().contains("webhook_url"), r::toString);

        String unknown = "[{\"name\":\"coop\",\"type\":\"carrier_pigeon\"}]";
        r = assertProblem(tc.put("/api/settings", Role.ADMIN, Map.of("notification_channels", unknown)), 400);
        assertTrue(r.toString().contains("installed"), r::toString);

        String broken = "{\"enabled\":true,\"url\":\"https://hooks.slack.com/s3cr3tT0ken\"";
        r = assertProblem(tc.put("/api/settings", Role.ADMIN, Map.of("notification_webhook", broken)), 400);
        assertFalse(r.toString().contains("s3cr3tT0ken"), r::toString);

        assertTrue(tc.read("/api/settings").path("notification_webhook").isMissingNode(), "nothing was stored");
        assertTrue(tc.read("/api/settings").path("notification_channels").isMissingNode(), "nothing was stored");
    }

    @Test
    void aSwitchedOffUpstreamChannelMayBeIncomplete() {
        assertEquals(
                200,
                tc.put(
                                "/api/settings",
                                Role.ADMIN,
                                Map.of("notification_sms", "{\"enabled\":false,\"webhook_url\":\"\"}"))
                        .status());
    }
}
