package io.kronforce.controller.domain;

/** The role a route requires. Every route declares one; there is no default. */
public enum Access {
    /** No credential. */
    PUBLIC,
    /** Any user role (viewer, operator, admin) — not agent keys, unlike upstream. */
    READ,
    /** Operator or admin. */
    WRITE,
    /** Admin only. */
    ADMIN,
    /** Agent or admin keys: the agent protocol. */
    AGENT;

    public boolean allows(Role role) {
        return switch (this) {
            case PUBLIC -> true;
            case READ -> role != Role.AGENT;
            case WRITE -> role == Role.ADMIN || role == Role.OPERATOR;
            case ADMIN -> role == Role.ADMIN;
            case AGENT -> role == Role.AGENT || role == Role.ADMIN;
        };
    }
}
