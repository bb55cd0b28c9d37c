package io.kronforce.controller.domain;

/**
 * Every kind of error the API can answer with: a stable slug (the problem {@code type} URI ends
 * with it, see docs/api/problems.md), the HTTP status and a fixed title.
 */
public enum ProblemType {
    MALFORMED_JSON("malformed-json", 400, "Malformed JSON"),
    INVALID_INPUT("invalid-input", 400, "Invalid input"),
    UNDECLARED_PARAMETER("undeclared-parameter", 400, "Parameter not declared"),
    WRONG_SHAPE("wrong-shape", 422, "Request body has the wrong shape"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "Request body too large"),
    UNAUTHENTICATED("unauthenticated", 401, "Authentication required"),
    FORBIDDEN("forbidden", 403, "Not allowed"),
    JOB_NOT_FOUND("job-not-found", 404, "Job not found"),
    EXECUTION_NOT_FOUND("execution-not-found", 404, "Execution not found"),
    VARIABLE_NOT_FOUND("variable-not-found", 404, "Variable not found"),
    KEY_NOT_FOUND("key-not-found", 404, "API key not found"),
    STREAM_NOT_FOUND("stream-not-found", 404, "No live stream"),
    WEBHOOK_NOT_FOUND("webhook-not-found", 404, "Webhook not found"),
    AGENT_NOT_FOUND("agent-not-found", 404, "Agent not found"),
    CONNECTION_NOT_FOUND("connection-not-found", 404, "Connection not found"),
    SCRIPT_NOT_FOUND("script-not-found", 404, "Script not found"),
    TEMPLATE_NOT_FOUND("template-not-found", 404, "Template not found"),
    VERSION_NOT_FOUND("version-not-found", 404, "Job version not found"),
    ROUTE_NOT_FOUND("not-found", 404, "Not found"),
    DUPLICATE_NAME("duplicate-name", 409, "Name already exists"),
    STALE_VERSION("stale-version", 409, "Modified by someone else"),
    RESULT_REFUSED("result-refused", 409, "Result refused"),
    AI_NOT_CONFIGURED("ai-not-configured", 400, "AI not configured"),
    EGRESS_REFUSED("egress-refused", 400, "Refused by the egress policy"),
    AI_DRAFT_INVALID("ai-draft-invalid", 422, "Generated job is not valid"),
    AI_PROVIDER_FAILED("ai-provider-failed", 502, "AI provider failed"),
    IMPORT_REFUSED("import-refused", 409, "Import refused"),
    RUNS_IN_PROGRESS("runs-in-progress", 409, "Runs in progress"),
    NOT_WHILE_REPLICATING("not-while-replicating", 409, "Not while replicating"),
    RATE_LIMITED("rate-limited", 429, "Too many requests"),
    UNAVAILABLE("unavailable", 503, "Service unavailable"),
    SSO_NOT_CONFIGURED("sso-not-configured", 400, "Single sign-on not configured"),
    SSO_REFUSED("sso-refused", 400, "Sign-in refused"),
    SSO_PROVIDER_FAILED("sso-provider-failed", 502, "Identity provider failed"),
    INSUFFICIENT_STORAGE("insufficient-storage", 507, "Insufficient storage");

    private final String slug;
    private final int status;
    private final String title;

    ProblemType(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public String slug() {
        return slug;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
