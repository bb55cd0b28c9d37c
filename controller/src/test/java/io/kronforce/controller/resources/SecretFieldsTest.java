package io.kronforce.controller.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The walk every masking and sealing goes through: declared paths, the names that always count, headers. */
class SecretFieldsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode tree(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void anUndeclaredConnectionTypeHidesSecretNamesUrlsAndEveryValueUnderHeaders() throws Exception {
        JsonNode masked = SecretFields.undeclared()
                .masked(
                        tree(
                                "{\"host\":\"h\",\"api_key\":\"a\",\"url\":\"u\",\"callback_url\":\"c\",\"port\":5,"
                                        + "\"headers\":{\"X-Any\":\"x\",\"nested\":{\"deep\":\"d\"}},\"auth\":{\"pass\":\"p\"}}"),
                        "M");
        assertEquals(
                "{\"host\":\"h\",\"api_key\":\"M\",\"url\":\"M\",\"callback_url\":\"M\",\"port\":5,"
                        + "\"headers\":{\"X-Any\":\"M\",\"nested\":{\"deep\":\"M\"}},\"auth\":{\"pass\":\"M\"}}",
                masked.toString());
    }

    @Test
    void aDeclaredTypeKeepsItsBaseUrlReadableAndHidesItsDeclaredNestedPaths() throws Exception {
        SecretFields s3 = SecretFields.declared(List.of("session_token", "extra.*"));
        JsonNode masked = s3.masked(
                tree(
                        "{\"base_url\":\"b\",\"session_token\":\"t\",\"extra\":{\"a\":\"1\",\"b\":[\"2\"]},\"region\":\"r\"}"),
                "M");
        assertEquals(
                "{\"base_url\":\"b\",\"session_token\":\"M\",\"extra\":{\"a\":\"M\",\"b\":[\"M\"]},\"region\":\"r\"}",
                masked.toString());
        assertEquals(
                List.of("t", "1", "2"),
                s3.values(
                        tree(
                                "{\"base_url\":\"b\",\"session_token\":\"t\",\"extra\":{\"a\":\"1\",\"b\":[\"2\"]},\"region\":\"r\"}")));
        assertTrue(s3.isSecretAt("/extra/b/0"));
        assertFalse(s3.isSecretAt("/region"));
    }

    @Test
    void aDestinationListGetsEachChannelsDeclarationAtItsIndex() throws Exception {
        SecretFields list = SecretFields.declared(List.of())
                .with("0", SecretFields.declared(List.of("webhook_url")))
                .with("1", SecretFields.declared(List.of("url")));
        JsonNode masked = list.masked(
                tree("[{\"webhook_url\":\"w\",\"url\":\"shown\"},{\"webhook_url\":\"shown\",\"url\":\"u\"}]"), "M");
        assertEquals(
                "[{\"webhook_url\":\"M\",\"url\":\"shown\"},{\"webhook_url\":\"shown\",\"url\":\"M\"}]",
                masked.toString());
    }
}
