package io.kronforce.worker.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The records read upstream's JSON as its clients send it, and write the field names they read. */
class WireShapesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anUpstreamRegistrationWithUnknownFieldsBinds() throws Exception {
        Registration r = JSON.readValue("""
                {"name":"py-agent","tags":["gpu"],"hostname":"h","address":"0.0.0.0","port":0,
                 "agent_type":"custom","task_types":[{"name":"python","description":null,
                 "fields":[{"name":"script","label":"Script","field_type":"textarea","required":true,
                 "placeholder":null,"options":null}]}],"future_field":1}""", Registration.class);
        assertEquals("custom", r.agentType());
        assertEquals("textarea", r.taskTypes().getFirst().fields().getFirst().fieldType());
        assertNull(r.systemInfo());
        assertFalse(r.tls());
    }

    @Test
    void theTlsFlagIsSentOnlyWhenTheAgentServesTls() throws Exception {
        Registration plain = new Registration("a", List.of(), "h", "10.0.0.1", 8081, "standard", null, null, false);
        assertFalse(JSON.valueToTree(plain).has("tls"));
        Registration tls = new Registration("a", List.of(), "h", "10.0.0.1", 8081, "standard", null, null, true);
        assertEquals(true, JSON.valueToTree(tls).path("tls").asBoolean(false));
        assertEquals(
                true,
                JSON.readValue(JSON.writeValueAsBytes(tls), Registration.class).tls());
    }

    @Test
    void aResultReportWritesUpstreamFieldNames() {
        ResultReport r = new ResultReport(
                "e", "j", "a", "succeeded", 0, "out", "", false, false, "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z");
        JsonNode n = JSON.valueToTree(r);
        for (String f : List.of(
                "execution_id",
                "job_id",
                "agent_id",
                "status",
                "exit_code",
                "stdout",
                "stderr",
                "stdout_truncated",
                "stderr_truncated",
                "started_at",
                "finished_at")) {
            assertFalse(n.path(f).isMissingNode(), f);
        }
        assertEquals(11, n.size());
    }

    @Test
    void optionalAdditionsAreLeftOutWhenEmpty() {
        ExecuteRequest req =
                new ExecuteRequest("e", "j", Map.of("type", "shell"), null, null, "http://c/cb", null, null);
        JsonNode n = JSON.valueToTree(req);
        assertFalse(n.has("attempt"));
        assertFalse(n.has("protocol_version"));
        assertEquals("http://c/cb", n.path("callback_url").asText());
        QueueItem item = new QueueItem("q", "e", "j", "a", Map.of(), null, 30, "u", 2, 60);
        assertEquals(2, JSON.valueToTree(item).path("attempt").asInt());
    }
}
