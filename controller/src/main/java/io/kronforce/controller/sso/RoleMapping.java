package io.kronforce.controller.sso;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * The role a signed-in person gets, from one claim of the ID token, as upstream maps it: follow the
 * dot path ({@code realm_access.roles}); a string is one value, an array its string elements; any
 * value among the admin values makes an admin, else any among the operator values an operator,
 * else (claim missing, of another type, or no value listed) the default role. Values compare
 * exactly, case included.
 */
public record RoleMapping(String claimPath, List<String> adminValues, List<String> operatorValues, Role defaultRole) {

    public RoleMapping {
        adminValues = List.copyOf(adminValues);
        operatorValues = List.copyOf(operatorValues);
    }

    static RoleMapping of(SsoSettings s) {
        return new RoleMapping(s.roleClaim(), s.adminValues(), s.operatorValues(), s.defaultRole());
    }

    public Role roleOf(JsonNode claims) {
        JsonNode current = claims;
        for (String key : claimPath.split("\\.", -1)) {
            current = current == null || !current.isObject() ? null : current.get(key);
            if (current == null) {
                return defaultRole;
            }
        }
        List<String> values = new ArrayList<>();
        if (current.isTextual()) {
            values.add(current.asText());
        } else if (current.isArray()) {
            current.forEach(v -> {
                if (v.isTextual()) {
                    values.add(v.asText());
                }
            });
        } else {
            return defaultRole;
        }
        if (values.stream().anyMatch(adminValues::contains)) {
            return Role.ADMIN;
        }
        if (values.stream().anyMatch(operatorValues::contains)) {
            return Role.OPERATOR;
        }
        return defaultRole;
    }
}
