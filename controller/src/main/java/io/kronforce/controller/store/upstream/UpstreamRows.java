package io.kronforce.controller.store.upstream;

/**
 * The rows of an upstream database, column for column as upstream stores them: timestamps as its
 * text, JSON columns as their text. The migration parses and checks them; nothing here interprets.
 */
public final class UpstreamRows {
    private UpstreamRows() {}

    /** A {@code jobs} row; {@code command} is upstream's legacy shell command, read when {@code task_json} is empty. */
    public record Job(
            String id,
            String name,
            String description,
            String command,
            String taskJson,
            String runAs,
            String createdBy,
            String scheduleJson,
            String status,
            Integer timeoutSecs,
            String dependsOnJson,
            String targetJson,
            String outputRulesJson,
            String notificationsJson,
            String createdAt,
            String updatedAt,
            String groupName,
            Integer retryMax,
            Integer retryDelaySecs,
            Double retryBackoff,
            Boolean approvalRequired,
            Integer priority,
            String slaDeadline,
            Integer slaWarningMins,
            String startsAt,
            String expiresAt,
            Integer maxConcurrent,
            String parametersJson,
            String webhookToken,
            String timezone) {}

    /** A {@code job_versions} row: the whole job as upstream serialised it at that version. */
    public record JobVersion(
            String jobId,
            int version,
            String snapshotJson,
            String changedByKeyId,
            String changedByName,
            String createdAt) {}

    /** A {@code variables} row; a secret's value is {@code enc:…} when upstream had a key. */
    public record Variable(String name, String value, boolean secret, String updatedAt, String expiresAt) {}

    /** A {@code connections} row; {@code config} is the JSON text, or {@code enc:…} when upstream had a key. */
    public record Connection(
            String name, String connType, String description, String config, String createdAt, String updatedAt) {}

    /** An {@code api_keys} row: the key itself is never stored, only its hash. */
    public record ApiKey(
            String id,
            String keyPrefix,
            String keyHash,
            String name,
            String role,
            String createdAt,
            String lastUsedAt,
            boolean active,
            String allowedGroupsJson,
            String ipAllowlistJson,
            String expiresAt) {}

    /** An {@code agents} row. */
    public record Agent(
            String id,
            String name,
            String tagsJson,
            String hostname,
            String address,
            Integer port,
            String agentType,
            String status,
            String lastHeartbeat,
            String registeredAt,
            String taskTypesJson,
            String systemInfoJson) {}

    /** An {@code executions} row. */
    public record Execution(
            String id,
            String jobId,
            String agentId,
            String taskSnapshotJson,
            String status,
            Integer exitCode,
            String stdout,
            String stderr,
            boolean stdoutTruncated,
            boolean stderrTruncated,
            String startedAt,
            String finishedAt,
            String triggeredByJson,
            String extractedJson,
            String createdAt,
            String retryOf,
            int attemptNumber,
            String paramsJson) {}
}
