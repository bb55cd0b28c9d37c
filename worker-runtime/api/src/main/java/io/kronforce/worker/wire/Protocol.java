package io.kronforce.worker.wire;

/** Constants of the protocol that both sides must agree on. */
public final class Protocol {
    /** Bumped when a record changes meaning; sent as {@code protocol_version} where we add it. */
    public static final int VERSION = 1;
    /** Where agents register ({@code POST}). */
    public static final String REGISTER_PATH = "/api/agents/register";
    /** Where results go back ({@code POST}); the controller hands out the full URL as {@code callback_url}. */
    public static final String RESULT_PATH = "/api/callbacks/execution-result";
    /**
     * The query parameter of {@code callback_url} that carries the fencing token of one dispatch.
     * It rides in the URL, not the body, so upstream clients that post to the URL they were given
     * fence their results without knowing about it.
     */
    public static final String LEASE_PARAM = "lease";
    /** Upstream's heartbeat interval, sent back at registration. */
    public static final int HEARTBEAT_INTERVAL_SECS = 10;
    /** The longest long-poll a queue request may ask for, in seconds (upstream's cap). */
    public static final int MAX_POLL_WAIT_SECS = 60;

    private Protocol() {}

    /** The heartbeat path of one agent. */
    public static String heartbeatPath(String agentId) {
        return "/api/agents/" + agentId + "/heartbeat";
    }

    /** The long-poll path of one pull agent's queue. */
    public static String nextPath(String agentId) {
        return "/api/agent-queue/" + agentId + "/next";
    }
}
