package io.kronforce.controller.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.SharedControllerTest;
import io.kronforce.controller.testing.TestController;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code GET /api/changes}: a browser's list updates arrive as server-sent events, by key or by cookie. */
class ChangesApiTest extends SharedControllerTest {

    static final String END_OF_STREAM = "<end of stream>";

    /** An open change stream, its lines read on a virtual thread into a queue. */
    private static final class ChangeStream implements AutoCloseable {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final InputStream body;
        final HttpResponse<InputStream> response;

        ChangeStream(String header, String value) throws Exception {
            this(tc, header, value);
        }

        ChangeStream(TestController on, String header, String value) throws Exception {
            HttpRequest req = HttpRequest.newBuilder(on.uri("/api/changes"))
                    .header(header, value)
                    .GET()
                    .build();
            response = on.client().send(req, HttpResponse.BodyHandlers.ofInputStream());
            body = response.body();
            Thread.ofVirtual().start(() -> {
                try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(body))) {
                    reader.lines().forEach(lines::add);
                    lines.add(END_OF_STREAM);
                } catch (Exception closed) {
                    // the test closed the stream
                }
            });
        }

        /** The data of the next {@code event: name}, waiting at most ten seconds for it. */
        String nextData(String name) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            boolean named = false;
            while (System.nanoTime() < end) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line == null) {
                    continue;
                }
                if (line.equals("event:" + name) || line.equals("event: " + name)) {
                    named = true;
                } else if (named && line.startsWith("data:")) {
                    return line.substring(5).trim();
                } else if (line.isEmpty()) {
                    named = false;
                }
            }
            return null;
        }

        /** The next change notice about {@code jobId} of kind {@code kind}. */
        JsonNode change(String kind, String jobId) throws Exception {
            while (true) {
                String data = nextData("change");
                if (data == null) {
                    return null;
                }
                JsonNode n = TestController.JSON.readTree(data);
                if (n.path("kind").asText().equals(kind)
                        && n.path("job_id").asText().equals(jobId)) {
                    return n;
                }
            }
        }

        @Override
        public void close() throws Exception {
            body.close();
        }
    }

    @Test
    void aNewJobAndItsRunArriveAsChangeNotices() throws Exception {
        try (ChangeStream s = new ChangeStream("Authorization", "Bearer " + tc.key(Role.VIEWER))) {
            assertEquals(200, s.response.statusCode());
            assertTrue(
                    s.response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
            assertNotNull(s.nextData("ready"), "the stream says it is ready first");
            String id = Api.createJob(tc, Jobs.shell(Jobs.uniqueName("watched"), "true"));
            JsonNode created = s.change("job.created", id);
            assertNotNull(created, "job.created notice");
            assertTrue(created.path("lists").toString().contains("jobs"), created::toString);
            String run = Api.trigger(tc, id);
            JsonNode done = s.change("execution.completed", id);
            assertNotNull(done, "execution.completed notice");
            assertEquals(run, done.path("execution_id").asText());
            assertTrue(done.path("lists").toString().contains("runs"), done::toString);
        }
    }

    @Test
    void theSessionCookieOpensTheStream() throws Exception {
        BrowserClient browser = new BrowserClient(tc);
        String cookie = BrowserClient.cookieOf(browser.signIn(tc.key(Role.VIEWER)));
        try (ChangeStream s = new ChangeStream("Cookie", "kf_session=" + cookie)) {
            assertEquals(200, s.response.statusCode());
            assertNotNull(s.nextData("ready"));
            String id = Api.createJob(tc, Jobs.shell(Jobs.uniqueName("cookie-watched"), "true"));
            assertNotNull(s.change("job.created", id));
        }
    }

    @Test
    void aScopedKeysStreamCarriesOnlyTheChangesOfItsGroupsJobs() throws Exception {
        String mine = Jobs.uniqueName("team-b");
        String key = tc.createKey(Jobs.uniqueName("scoped"), Role.VIEWER, java.util.List.of(mine));
        try (ChangeStream s = new ChangeStream("Authorization", "Bearer " + key)) {
            assertNotNull(s.nextData("ready"));
            String theirs = Api.createJob(
                    tc, Jobs.shell(Jobs.uniqueName("theirs"), "true").group("team-a"));
            Api.awaitTerminal(tc, Api.trigger(tc, theirs), java.time.Duration.ofSeconds(20));
            String ours = Api.createJob(
                    tc, Jobs.shell(Jobs.uniqueName("ours"), "true").group(mine));
            // Notices come in commit order: every notice of the other group's job, had it been sent, is before this.
            java.util.List<String> seen = new java.util.ArrayList<>();
            JsonNode n;
            do {
                String data = s.nextData("change");
                assertNotNull(data, "no notice of the scoped key's own job");
                n = TestController.JSON.readTree(data);
                seen.add(n.toString());
            } while (!n.path("job_id").asText().equals(ours));
            assertTrue(seen.stream().noneMatch(x -> x.contains(theirs)), seen::toString);
            assertTrue(seen.stream().allMatch(x -> x.contains(ours)), seen::toString);
        }
    }

    @Test
    void aDashboardSessionCarriesItsKeysGroups() {
        String theirs =
                Api.createJob(tc, Jobs.shell(Jobs.uniqueName("theirs"), "true").group("team-a"));
        String ours =
                Api.createJob(tc, Jobs.shell(Jobs.uniqueName("ours"), "true").group("session-team"));
        BrowserClient browser = new BrowserClient(tc);
        String key = tc.createKey(Jobs.uniqueName("scoped"), Role.VIEWER, java.util.List.of("session-team"));
        String cookie = BrowserClient.cookieOf(browser.signIn(key));
        Api.assertProblem(browser.get("/api/jobs/" + theirs, cookie), 404);
        assertEquals(200, browser.get("/api/jobs/" + ours, cookie).status());
        assertEquals(
                "[\"session-team\"]",
                browser.get("/api/auth/me", cookie)
                        .json()
                        .path("allowed_groups")
                        .toString());
    }

    @Test
    void agentKeysAndStrangersAreRefused() {
        Api.assertProblem(tc.open("/api/changes", tc.key(Role.AGENT)), 403);
        Api.assertProblem(tc.open("/api/changes", null), 401);
    }

    @Test
    void stoppingTheControllerEndsOpenStreams(@org.junit.jupiter.api.io.TempDir java.nio.file.Path own)
            throws Exception {
        TestController stopping = TestController.start(own);
        ChangeStream s = new ChangeStream(stopping, "Authorization", "Bearer " + stopping.key(Role.VIEWER));
        assertNotNull(s.nextData("ready"));
        Thread stopper = Thread.ofVirtual().start(stopping::close);
        String line;
        do { // before the 15 s ping: a stream the feed does not end keeps the server's stop waiting until then
            line = s.lines.poll(10, TimeUnit.SECONDS);
        } while (line != null && !line.equals(END_OF_STREAM));
        assertEquals(END_OF_STREAM, line, "the stream ended when the controller stopped");
        stopper.join();
        s.close();
    }
}
