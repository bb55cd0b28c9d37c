package io.kronforce.controller.portability;

import io.kronforce.controller.store.GroupStore;
import io.kronforce.controller.store.JobStore;
import io.kronforce.controller.store.resources.ConnectionStore;
import io.kronforce.controller.store.resources.ScriptStore;
import io.kronforce.controller.store.resources.SettingsStore;
import io.kronforce.controller.store.resources.VariableStore;
import io.kronforce.controller.store.resources.VariableStore.StoredVariable;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The stores an export reads and an import writes. */
public record ImportStores(
        JobStore jobs,
        VariableStore variables,
        ConnectionStore connections,
        ScriptStore scripts,
        SettingsStore settings,
        GroupStore groups) {

    /** What is stored now, as an import plans against it: names and ids only. */
    record Existing(
            Map<String, String> jobNamesById,
            Set<String> variables,
            Set<String> connections,
            Set<String> scripts,
            Set<String> settings,
            Set<String> groups) {}

    Existing existing(Connection c) throws SQLException {
        Set<String> vars = new HashSet<>();
        variables.list(c).stream().map(StoredVariable::name).forEach(vars::add);
        Set<String> conns = new HashSet<>();
        connections.all(c).forEach(s -> conns.add(s.name()));
        Set<String> scriptNames = new HashSet<>();
        scripts.list(c).forEach(s -> scriptNames.add(s.name()));
        return new Existing(
                jobs.idsAndNames(c),
                vars,
                conns,
                scriptNames,
                settings.all(c).keySet(),
                new HashSet<>(groups.names(c)));
    }
}
