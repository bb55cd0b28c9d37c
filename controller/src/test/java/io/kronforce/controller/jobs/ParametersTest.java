package io.kronforce.controller.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.ProblemType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parameter definitions at save time and params at trigger time (docs/reference/data-model.md#jobparameter). */
class ParametersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode SCHEMA = Parameters.definitions(json("[{'name':'env','param_type':'select',"
            + "'options':['dev','prod'],'required':true},{'name':'count','param_type':'number','default':'3'},"
            + "{'name':'dry_run','param_type':'boolean','default':false},{'name':'note'}]"));

    private static JsonNode json(String singleQuoted) {
        try {
            return JSON.readTree(singleQuoted.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static KronforceException.InvalidInput refused(JsonNode schema, String params) {
        return assertThrows(KronforceException.InvalidInput.class, () -> Parameters.apply(schema, json(params)));
    }

    @Test
    void definitionsAreNormalisedWithTextAndNotRequiredAsDefaults() {
        assertEquals(json("{'name':'note','param_type':'text','required':false}"), SCHEMA.get(3));
        assertEquals(
                json("{'name':'env','param_type':'select','required':true,'options':['dev','prod']}"), SCHEMA.get(0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "[{'name':'a b'}] | parameter name 'a b' must be 1-64 letters, digits or '_'",
                "[{'name':'a'},{'name':'a'}] | parameter 'a' is declared twice",
                "[{'name':'a','param_type':'date'}] | parameter 'a': param_type must be text, number, select or boolean, not 'date'",
                "[{'name':'a','param_type':'select'}] | parameter 'a': a select needs 'options'",
                "[{'name':'a','param_type':'number','default':'many'}] | parameter 'a' must be a number",
                "[{'name':'a','param_type':'select','options':['x'],'default':'y'}] | parameter 'a' must be one of x",
            })
    void aMeaninglessDefinitionIsA400NamingIt(String definitions, String message) {
        var e = assertThrows(KronforceException.InvalidInput.class, () -> Parameters.definitions(json(definitions)));

        assertEquals(ProblemType.INVALID_INPUT, e.type());
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{'p':1} | parameters",
                "[5] | parameters/0",
                "[{'label':'x'}] | parameters/0/name",
                "[{'name':'a','required':'yes'}] | parameters/0/required",
                "[{'name':'a','options':'x,y'}] | parameters/0/options",
                "[{'name':'a','default':{'x':1}}] | parameters/0/default",
            })
    void aDefinitionOfTheWrongJsonTypeIsA422PointingAtIt(String definitions, String pointer) {
        var e = assertThrows(KronforceException.InvalidInput.class, () -> Parameters.definitions(json(definitions)));

        assertEquals(ProblemType.WRONG_SHAPE, e.type());
        assertEquals("/" + pointer, e.errors().get(0).pointer());
    }

    @Test
    void defaultsFillInAndTextFormsOfNumbersAndBooleansAreReadTyped() {
        JsonNode params = Parameters.apply(SCHEMA, json("{'env':'prod','dry_run':'TRUE','note':'hi'}"));

        assertEquals(json("{'env':'prod','count':3,'dry_run':true,'note':'hi'}").toString(), params.toString());
    }

    @Test
    void violationsNameTheParameter() {
        assertEquals("missing required parameter 'env'", refused(SCHEMA, "{}").getMessage());
        assertEquals(
                "parameter 'env' must be one of dev, prod",
                refused(SCHEMA, "{'env':'qa'}").getMessage());
        assertEquals(
                "parameter 'count' must be a number",
                refused(SCHEMA, "{'env':'dev','count':'lots'}").getMessage());
        assertEquals(
                "parameter 'dry_run' must be true or false",
                refused(SCHEMA, "{'env':'dev','dry_run':'maybe'}").getMessage());
        assertEquals(
                "parameter 'note' must be text",
                refused(SCHEMA, "{'env':'dev','note':7}").getMessage());
        assertEquals(
                "unknown parameter 'evn' (this job declares: env, count, dry_run, note)",
                refused(SCHEMA, "{'evn':'dev'}").getMessage());
        assertEquals(
                "/params/env", refused(SCHEMA, "{'env':'qa'}").errors().get(0).pointer());
    }

    @Test
    void aRunWithoutParamsGetsTheDeclaredDefaultsTyped() {
        assertEquals(
                "{\"count\":3,\"dry_run\":false}", Parameters.defaults(SCHEMA).toString());
        assertNull(Parameters.defaults(Parameters.definitions(json("[{'name':'x'}]"))));
        assertNull(Parameters.defaults(Parameters.definitions(null)));
    }

    @Test
    void aJobWithoutDeclarationsTakesAnyParamsAsUpstream() {
        JsonNode any = json("{'whatever':[1,2]}");

        assertEquals(any, Parameters.apply(Parameters.definitions(null), any));
        assertNull(Parameters.apply(json("[]"), null));
    }
}
