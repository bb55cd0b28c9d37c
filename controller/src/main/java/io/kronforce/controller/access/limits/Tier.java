package io.kronforce.controller.access.limits;

/** The independent budgets, each with buckets of its own. */
public enum Tier {
    /** Routes without a credential, by client address. */
    PUBLIC,
    /** User routes (and {@code /mcp}), by API key, or by dashboard session. */
    AUTHENTICATED,
    /** The agent protocol, by agent key. */
    AGENT,
    /** Failed authentications, by client address: spent by failures only, checked before every request. */
    AUTH_FAILURES
}
