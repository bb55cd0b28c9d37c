package io.kronforce.controller.domain.listing;

import io.kronforce.controller.domain.Role;
import java.util.List;

/** An API key as stored: its hash, never the key itself. */
public record StoredKey(
        String id,
        String prefix,
        String hash,
        String name,
        Role role,
        long createdAtMs,
        Long lastUsedAtMs,
        boolean active,
        List<String> allowedGroups,
        List<String> ipAllowlist,
        Long expiresAtMs) {}
