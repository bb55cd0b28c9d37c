package io.kronforce.controller.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.kronforce.controller.domain.Agent;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.domain.listing.StoredKey;
import io.kronforce.controller.store.AgentStore;
import io.kronforce.controller.store.access.ApiKeyStore;
import io.kronforce.controller.store.upstream.UpstreamRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * API keys and agents' registrations. Upstream stores a key as the SHA-256 hex of the whole key,
 * as this controller does, so a carried key keeps working as it is; a row whose hash is of another
 * form, or whose role is unknown, is named for rotation. Agents are carried offline: each is back
 * online at its first heartbeat or registration here.
 */
final class AccessCarrier {
    private static final Pattern SHA_256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final ApiKeyStore keys;
    private final AgentStore agents;
    private final MigrationReport report;

    AccessCarrier(ApiKeyStore keys, AgentStore agents, MigrationReport report) {
        this.keys = keys;
        this.agents = agents;
        this.report = report;
    }

    /** @param present whether the target already holds a key with this hash (kept; upstream's is skipped) */
    List<Write> keys(List<UpstreamRows.ApiKey> rows, java.util.function.Predicate<String> present, long nowMs) {
        List<Write> writes = new ArrayList<>();
        for (UpstreamRows.ApiKey k : rows) {
            String hash = k.keyHash() == null ? "" : k.keyHash().toLowerCase(Locale.ROOT);
            Optional<Role> role = Role.parse(k.role());
            if (!SHA_256_HEX.matcher(hash).matches()) {
                report.notCarried("api key", label(k), "its stored hash is not SHA-256 hex: rotate the key");
            } else if (role.isEmpty()) {
                report.notCarried("api key", label(k), "unknown role '" + k.role() + "': rotate the key");
            } else if (present.test(hash)) {
                report.notCarried("api key", label(k), "the target already holds this key");
            } else {
                StoredKey stored = new StoredKey(
                        k.id(),
                        k.keyPrefix() == null ? "" : k.keyPrefix(),
                        hash,
                        k.name() == null ? "" : k.name(),
                        role.get(),
                        UpstreamValues.time(k.createdAt(), nowMs),
                        UpstreamValues.timeOrNull(k.lastUsedAt()),
                        k.active(),
                        texts(k.allowedGroupsJson()),
                        texts(k.ipAllowlistJson()),
                        UpstreamValues.timeOrNull(k.expiresAt()));
                writes.add(c -> keys.insert(c, stored));
                report.carried(k.active() ? "api keys" : "api keys (revoked)");
            }
        }
        return writes;
    }

    private static String label(UpstreamRows.ApiKey k) {
        return k.name() + " (" + k.keyPrefix() + ")";
    }

    List<Write> agents(List<UpstreamRows.Agent> rows, long nowMs) {
        List<Write> writes = new ArrayList<>();
        for (UpstreamRows.Agent a : rows) {
            String type = a.agentType() == null ? Agent.STANDARD : a.agentType();
            if (!type.equals(Agent.STANDARD) && !type.equals(Agent.CUSTOM)) {
                report.notCarried("agent", a.name(), "unknown agent_type '" + type + "'");
                continue;
            }
            long registered = UpstreamValues.time(a.registeredAt(), nowMs);
            JsonNode taskTypes = UpstreamValues.jsonOrNull(a.taskTypesJson());
            Agent agent = new Agent(
                    a.id(),
                    a.name(),
                    texts(a.tagsJson()),
                    a.hostname() == null ? "" : a.hostname(),
                    a.address() == null ? "" : a.address(),
                    a.port() == null ? 0 : a.port(),
                    type,
                    Agent.OFFLINE,
                    UpstreamValues.time(a.lastHeartbeat(), registered),
                    registered,
                    taskTypes != null && taskTypes.isArray() ? taskTypes : JsonNodeFactory.instance.arrayNode(),
                    UpstreamValues.jsonOrNull(a.systemInfoJson()),
                    false);
            writes.add(c -> agents.upsert(c, agent));
            report.carried("agents");
        }
        return writes;
    }

    private static List<String> texts(String jsonArray) {
        List<String> out = new ArrayList<>();
        JsonNode node = UpstreamValues.jsonOrNull(jsonArray);
        if (node != null && node.isArray()) {
            node.forEach(v -> out.add(v.asText()));
        }
        return out;
    }
}
