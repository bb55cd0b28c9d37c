package io.kronforce.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class JsonFieldsTest {

    @Test
    void readsTopLevelMembersNotNestedOnes() {
        String job = """
                {"task": {"type": "http", "id": "nested"}, "id" : "7f3c-1", "runs": [{"id": 9}], "n": 42}""";
        assertEquals("7f3c-1", JsonFields.get(job, "id"));
        assertEquals("42", JsonFields.get(job, "n"));
        assertEquals("{\"type\": \"http\", \"id\": \"nested\"}", JsonFields.get(job, "task"));
        assertEquals("[{\"id\": 9}]", JsonFields.get(job, "runs"));
        assertNull(JsonFields.get(job, "type"));
    }

    @Test
    void paginationTotalAndTriggerAnswer() {
        String page = "{\"data\":[{\"id\":\"e1\",\"status\":\"succeeded\"}],\"total\":5000,\"page\":1,\"per_page\":1}";
        assertEquals(5000, JsonFields.getLong(page, "total"));
        String trigger = "{\"message\":\"job triggered\",\"job_id\":\"j1\",\"execution_id\":\"x1\"}";
        assertEquals("x1", JsonFields.get(trigger, "execution_id"));
        assertThrows(IllegalStateException.class, () -> JsonFields.getLong(trigger, "total"));
    }

    @Test
    void keysInsideStringValuesAreNotKeys() {
        String json = "{\"message\":\"\\\"total\\\": 1, {\",\"total\": 2}";
        assertEquals(2, JsonFields.getLong(json, "total"));
    }
}
