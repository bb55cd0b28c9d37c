package io.kronforce.controller.domain.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** When a job fires, in upstream's adjacently tagged wire form {@code {"type":…,"value":…}}. */
public sealed interface Schedule {
    String type();

    ObjectNode toJson();

    /** A cron expression, read in the job's zone. */
    record Cron(String expression) implements Schedule {
        public String type() {
            return "cron";
        }

        public ObjectNode toJson() {
            return tagged(type()).put("value", expression);
        }
    }

    /** One run at an instant (canonical RFC 3339 in UTC). */
    record OneShot(String at) implements Schedule {
        public String type() {
            return "one_shot";
        }

        public ObjectNode toJson() {
            return tagged(type()).put("value", at);
        }
    }

    /** Only when triggered by hand, API or webhook. */
    record OnDemand() implements Schedule {
        public String type() {
            return "on_demand";
        }

        public ObjectNode toJson() {
            return tagged(type());
        }
    }

    record Interval(long intervalSecs) implements Schedule {
        public String type() {
            return "interval";
        }

        public ObjectNode toJson() {
            ObjectNode out = tagged(type());
            out.putObject("value").put("interval_secs", intervalSecs);
            return out;
        }
    }

    /**
     * Fires on a matching event.
     *
     * @param severity      null: any severity
     * @param jobNameFilter null: any job
     */
    record Event(String kindPattern, String severity, String jobNameFilter) implements Schedule {
        public String type() {
            return "event";
        }

        public ObjectNode toJson() {
            ObjectNode out = tagged(type());
            ObjectNode value = out.putObject("value").put("kind_pattern", kindPattern);
            if (severity != null) {
                value.put("severity", severity);
            }
            if (jobNameFilter != null) {
                value.put("job_name_filter", jobNameFilter);
            }
            return out;
        }
    }

    /**
     * A business-calendar rule. The value is kept whole: its anchors, holidays and roll rules are
     * read by the calendar engine, and the stored form keeps the fields in the order they were sent.
     */
    record Calendar(ObjectNode value) implements Schedule {
        public String type() {
            return "calendar";
        }

        public String anchor() {
            return value.path("anchor").asText();
        }

        public ObjectNode toJson() {
            ObjectNode out = tagged(type());
            out.set("value", value.deepCopy());
            return out;
        }
    }

    /** Reads the stored, already normalised form; an unknown type is a corrupt row. */
    static Schedule parse(JsonNode s) {
        String type = s.path("type").asText();
        JsonNode value = s.path("value");
        return switch (type) {
            case "cron" -> new Cron(value.asText());
            case "one_shot" -> new OneShot(value.asText());
            case "on_demand", "manual" -> new OnDemand();
            case "interval" -> new Interval(value.path("interval_secs").asLong());
            case "event" ->
                new Event(
                        value.path("kind_pattern").asText(),
                        textOrNull(value.get("severity")),
                        textOrNull(value.get("job_name_filter")));
            case "calendar" -> new Calendar(value.deepCopy());
            default -> throw new IllegalArgumentException("stored schedule has unknown type '" + type + "'");
        };
    }

    private static ObjectNode tagged(String type) {
        return JsonNodeFactory.instance.objectNode().put("type", type);
    }

    private static String textOrNull(JsonNode v) {
        return v == null || v.isNull() ? null : v.asText();
    }
}
