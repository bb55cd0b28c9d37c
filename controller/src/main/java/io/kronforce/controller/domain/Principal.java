package io.kronforce.controller.domain;

import java.util.List;

/**
 * Who is calling: the key's id and name (null for the system itself) and its role.
 *
 * @param allowedGroups groups a scoped key may see; empty means every group
 */
public record Principal(String keyId, String keyName, Role role, List<String> allowedGroups) {

    /** The controller acting on its own (scheduler, retention); audited with a null actor. */
    public static final Principal SYSTEM = new Principal(null, null, Role.ADMIN, List.of());

    /** A caller without a credential while {@code KRONFORCE_DEMO_MODE} is on: a read-only viewer, no key. */
    public static final Principal DEMO = new Principal(null, "demo", Role.VIEWER, List.of());

    public Principal {
        allowedGroups = allowedGroups == null ? List.of() : List.copyOf(allowedGroups);
    }

    /** The job groups this caller may see and change (every group for an unscoped key and the system). */
    public GroupScope scope() {
        return GroupScope.of(allowedGroups);
    }
}
