package io.kronforce.controller.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupScopeTest {

    @Test
    void aKeyWithoutGroupsSeesEveryGroup() {
        GroupScope all = new Principal("k", "k", Role.VIEWER, List.of()).scope();
        assertTrue(all.unrestricted());
        assertTrue(all.admits("teamA"));
        assertTrue(all.admits(null));
    }

    @Test
    void aScopedKeySeesItsGroupsOnlyAndNotTheDefaultGroupUnlessNamed() {
        GroupScope b = GroupScope.of(List.of("teamB"));
        assertTrue(b.admits("teamB"));
        assertFalse(b.admits("teamA"));
        assertFalse(b.admits("teamb"), "names match exactly");
        assertFalse(b.admits("Default"));
        assertFalse(b.admits(null));
        assertTrue(GroupScope.of(List.of("Default")).admits(null), "a job without a group is in Default");
    }

    @Test
    void aBlankEntryNarrowsTheKeyToNothingInsteadOfWideningItToEverything() {
        GroupScope blank = GroupScope.of(List.of("  "));
        assertFalse(blank.unrestricted());
        assertFalse(blank.admits("Default"));
        assertFalse(blank.admits("teamA"));
    }

    @Test
    void namingAGroupOutsideTheScopeIsForbidden() {
        GroupScope b = GroupScope.of(List.of(" teamB "));
        b.require("teamB");
        assertThrows(KronforceException.Forbidden.class, () -> b.require("teamA"));
    }
}
