package io.kronforce.controller.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kronforce.controller.domain.Role;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The role from a claim, as upstream maps it: dot path, string or array, admin before operator, else the default. */
class RoleMappingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "groups|{\"groups\":[\"staff\",\"kf-admins\"]}|ADMIN",
                "groups|{\"groups\":\"kf-admins\"}|ADMIN",
                "groups|{\"groups\":[\"kf-ops\",\"kf-admins\"]}|ADMIN",
                "groups|{\"groups\":[\"kf-ops\"]}|OPERATOR",
                "groups|{\"groups\":[\"staff\"]}|VIEWER",
                "groups|{\"groups\":[\"KF-ADMINS\"]}|VIEWER",
                "groups|{\"groups\":[1,true,{\"x\":\"kf-admins\"},\"kf-ops\"]}|OPERATOR",
                "groups|{\"groups\":42}|VIEWER",
                "groups|{}|VIEWER",
                "realm_access.roles|{\"realm_access\":{\"roles\":[\"kf-admins\"]}}|ADMIN",
                "realm_access.roles|{\"realm_access\":[\"kf-admins\"]}|VIEWER",
                "realm_access.roles|{\"realm_access\":{\"roles\":\"kf-ops\"}}|OPERATOR",
                "a.b.c|{\"a\":{\"b\":{\"c\":[\"kf-ops\"]}}}|OPERATOR",
                "a.b.c|{\"a\":{\"b\":null}}|VIEWER",
            })
    void mapsTheClaimAsUpstreamDoes(String path, String claims, Role expected) throws Exception {
        RoleMapping mapping = new RoleMapping(path, List.of("kf-admins"), List.of("kf-ops"), Role.VIEWER);
        assertEquals(expected, mapping.roleOf(JSON.readTree(claims)));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"{}|OPERATOR", "{\"groups\":[\"nobody\"]}|OPERATOR"})
    void theDefaultRoleIsTheConfiguredOne(String claims, Role expected) throws Exception {
        RoleMapping mapping = new RoleMapping("groups", List.of(), List.of(), Role.OPERATOR);
        assertEquals(expected, mapping.roleOf(JSON.readTree(claims)));
    }
}
