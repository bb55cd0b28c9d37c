package io.kronforce.worker.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A custom task type an agent takes, with the form fields the dashboard shows for it (docs/reference/data-model.md).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskTypeDefinition(
        @JsonProperty("name") String name,
        @JsonProperty("description") String description,
        @JsonProperty("fields") List<Field> fields) {

    /** The field types the dashboard can render. */
    public static final java.util.Set<String> FIELD_TYPES =
            java.util.Set.of("text", "textarea", "number", "select", "password");

    /** One form field. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Field(
            @JsonProperty("name") String name,
            @JsonProperty("label") String label,
            @JsonProperty("field_type") String fieldType,
            @JsonProperty("required") Boolean required,
            @JsonProperty("placeholder") String placeholder,
            @JsonProperty("options") List<Option> options) {}

    /** One choice of a {@code select} field. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Option(
            @JsonProperty("value") String value,
            @JsonProperty("label") String label) {}
}
