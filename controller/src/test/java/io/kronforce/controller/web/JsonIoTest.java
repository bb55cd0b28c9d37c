package io.kronforce.controller.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonIoTest {

    @Test
    void aTreeGoesOutByteForByteAsItsToString() throws Exception {
        ObjectNode tree = JsonIo.MAPPER.createObjectNode();
        tree.put("name", "größe \"quoted\" \\ back\tslash \u0001 ctl </script> 😀")
                .put("big", new BigDecimal("1.0E+20"))
                .put("bigint", new BigInteger("123456789012345678901234567890"))
                .put("double", 0.1 + 0.2)
                .put("float", 1.5f)
                .put("long", Long.MIN_VALUE)
                .put("flag", false)
                .putNull("nothing");
        tree.putArray("list").add(1).addNull().addObject().put("nested", "x");
        tree.putObject("empty");
        tree.putPOJO("pojo", Map.of("k", "v"));
        tree.put("binary", new byte[] {0, 1, 2, (byte) 255});

        assertEquals(tree.toString(), new String(JsonIo.encode(tree), StandardCharsets.UTF_8));
        assertArrayEquals(tree.toString().getBytes(StandardCharsets.UTF_8), JsonIo.encode(tree));
    }

    @Test
    void aLoneSurrogateKeepsItsEscapeInsteadOfBecomingAQuestionMark() throws Exception {
        // A JSON body may carry one as an escape; the String route encoded it to '?', losing it.
        ObjectNode tree = JsonIo.MAPPER.createObjectNode().put("lone", "a\uD800b");

        assertEquals("{\"lone\":\"a\\uD800b\"}", new String(JsonIo.encode(tree), StandardCharsets.UTF_8));
    }

    @Test
    void aRecordGoesOutThroughTheSharedMapper() throws Exception {
        record Body(String message, int count) {}

        assertEquals(
                "{\"message\":\"hi\",\"count\":2}",
                new String(JsonIo.encode(new Body("hi", 2)), StandardCharsets.UTF_8));
    }
}
