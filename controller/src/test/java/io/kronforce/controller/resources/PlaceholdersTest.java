package io.kronforce.controller.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Substitution of {{params.X}} and {{X}}, docs/reference/variables-and-secrets.md#placeholders. */
class PlaceholdersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) JSON.readTree(text.replace('\'', '"'));
    }

    private static Placeholders.Resolution resolve(ObjectNode task, JsonNode params, Map<String, String> vars) {
        return Placeholders.resolve(task, params, vars::get);
    }

    @Test
    void replacesParamsAndVariablesInEveryString() throws Exception {
        ObjectNode task = json("{'type':'shell','command':'deploy {{params.env}} to {{HOST}}'}");

        var r = resolve(task, json("{'env':'prod'}"), Map.of("HOST", "web1"));

        assertEquals("deploy prod to web1", r.task().get("command").asText());
        assertEquals(Set.of(), r.unresolved());
    }

    @Test
    void writesNonStringParamsAsTheirJsonText() throws Exception {
        ObjectNode task = json("{'command':'n={{params.n}} on={{params.on}} list={{params.list}} obj={{params.o}}'}");

        var r = resolve(task, json("{'n':42,'on':true,'list':[1,'a'],'o':{'k':null}}"), Map.of());

        assertEquals(
                "n=42 on=true list=[1,\"a\"] obj={\"k\":null}",
                r.task().get("command").asText());
    }

    @Test
    void reachesNestedHeadersAndArrays() throws Exception {
        ObjectNode task = json("{'type':'http','headers':{'Authorization':'Bearer {{TOKEN}}'},"
                + "'args':['{{A}}',['{{B}}'],{'deep':'{{params.p}}'}],'timeout':5}");

        var r = resolve(task, json("{'p':'x'}"), Map.of("TOKEN", "t0k", "A", "1", "B", "2"));

        assertEquals("Bearer t0k", r.task().at("/headers/Authorization").asText());
        assertEquals("1", r.task().at("/args/0").asText());
        assertEquals("2", r.task().at("/args/1/0").asText());
        assertEquals("x", r.task().at("/args/2/deep").asText());
        assertEquals(5, r.task().get("timeout").asInt(), "non-strings untouched");
    }

    @Test
    void collectsUnresolvedPlaceholdersInOrderAndLeavesThemInPlace() throws Exception {
        ObjectNode task = json("{'command':'{{MISSING}} {{params.nope}} {{MISSING}} {{KNOWN}}'}");

        var r = resolve(task, null, Map.of("KNOWN", "k"));

        assertEquals(List.of("{{MISSING}}", "{{params.nope}}"), List.copyOf(r.unresolved()));
        assertEquals(
                "{{MISSING}} {{params.nope}} {{MISSING}} k",
                r.task().get("command").asText());
    }

    @Test
    void keepsTheJsonIntactWhenValuesHoldQuotesBackslashesAndDollars() throws Exception {
        ObjectNode task = json("{'command':'echo {{V}}','env':{'X':'{{params.p}}'}}");
        String nasty = "a\"b\\c\",\"injected\":\"1 $1 \\\\ }}";

        var r = resolve(task, JSON.createObjectNode().put("p", nasty), Map.of("V", nasty));
        JsonNode reparsed = JSON.readTree(r.task().toString());

        assertEquals("echo " + nasty, reparsed.get("command").asText());
        assertEquals(nasty, reparsed.at("/env/X").asText());
        assertEquals(2, reparsed.size(), "no member was injected");
    }

    @Test
    void ignoresPatternsThatAreNotPlaceholders() throws Exception {
        ObjectNode task = json("{'command':'{{a-b}} ${HOME} {{ SPACED }} {VAR}'}");

        var r = resolve(task, null, Map.of());

        assertEquals(
                "{{a-b}} ${HOME} {{ SPACED }} {VAR}", r.task().get("command").asText());
        assertEquals(Set.of(), r.unresolved());
    }

    @Test
    void leavesTheInputDocumentUnchanged() throws Exception {
        ObjectNode task = json("{'command':'{{X}}'}");

        resolve(task, null, Map.of("X", "1"));

        assertEquals("{{X}}", task.get("command").asText());
    }
}
