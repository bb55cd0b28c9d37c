package io.kronforce.controller.domain;

import java.util.Map;

/**
 * Upstream's human labels for execution statuses and task types, as its metrics and dashboard
 * charts show them; a value without a label is shown as it is.
 */
public final class DisplayLabels {
    public static final Map<String, String> STATUSES = Map.of(
            "succeeded", "Succeeded",
            "failed", "Failed",
            "timed_out", "Timed Out",
            "cancelled", "Cancelled",
            "running", "Running",
            "pending", "Pending");
    public static final Map<String, String> TASK_TYPES = Map.ofEntries(
            Map.entry("shell", "Shell Command"),
            Map.entry("http", "HTTP Request"),
            Map.entry("script", "Rhai Script"),
            Map.entry("sql", "SQL Query"),
            Map.entry("ftp", "FTP Transfer"),
            Map.entry("file_push", "File Push"),
            Map.entry("kafka", "Kafka"),
            Map.entry("rabbitmq", "RabbitMQ"),
            Map.entry("mqtt", "MQTT"),
            Map.entry("redis", "Redis"),
            Map.entry("custom", "Custom Agent"));

    private DisplayLabels() {}
}
