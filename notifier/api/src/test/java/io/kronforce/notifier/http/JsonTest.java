package io.kronforce.notifier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesNestedValuesAndSkipsNullMembers() {
        String json = Json.write(Json.obj("a", 1, "b", null, "c", List.of(true, 2.5, "x"), "d", Json.obj()));
        assertEquals("{\"a\":1,\"c\":[true,2.5,\"x\"],\"d\":{}}", json);
    }

    @Test
    void escapesStrings() {
        assertEquals("\"q\\\"b\\\\n\\nt\\tc\\u0001l\\u2028\"", Json.write("q\"b\\n\nt\tc\u0001l\u2028"));
    }
}
