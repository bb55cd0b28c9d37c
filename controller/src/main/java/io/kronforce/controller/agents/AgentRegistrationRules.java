package io.kronforce.controller.agents;

import io.kronforce.controller.domain.Agent;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.worker.wire.Registration;
import io.kronforce.worker.wire.TaskTypeDefinition;
import java.util.List;

/**
 * What a registration and a task-type list must satisfy before the registry stores them; each
 * refusal is a 422 pointing at the first bad field. Pure.
 */
final class AgentRegistrationRules {
    private AgentRegistrationRules() {}

    /** Checks a registration (docs/reference/agent-protocol.md); the pointer names the first bad field. */
    static void check(Registration r) {
        if (r.name() == null || r.name().isBlank()) {
            throw new KronforceException.InvalidInput("/name", "name is required");
        }
        if (!Agent.STANDARD.equals(r.agentType()) && !Agent.CUSTOM.equals(r.agentType())) {
            throw new KronforceException.InvalidInput("/agent_type", "agent_type must be 'standard' or 'custom'");
        }
        if (r.port() < 0 || r.port() > 65535) {
            throw new KronforceException.InvalidInput("/port", "port must be 0-65535");
        }
        if (Agent.STANDARD.equals(r.agentType())
                && (r.address() == null || r.address().isBlank() || r.port() == 0)) {
            throw new KronforceException.InvalidInput(
                    "/address", "a standard agent needs the address and port" + " the controller can reach it on");
        }
        if (r.taskTypes() != null) {
            checkTaskTypes(r.taskTypes(), "/task_types");
        }
    }

    /** Checks task type definitions (docs/reference/data-model.md); the pointer names the first bad member. */
    static void checkTaskTypes(List<TaskTypeDefinition> types, String pointer) {
        for (int i = 0; i < types.size(); i++) {
            TaskTypeDefinition t = types.get(i);
            String at = pointer + "/" + i;
            if (t == null || t.name() == null || t.name().isBlank()) {
                throw new KronforceException.InvalidInput(at + "/name", "a task type needs a name");
            }
            List<TaskTypeDefinition.Field> fields = t.fields() == null ? List.of() : t.fields();
            for (int f = 0; f < fields.size(); f++) {
                TaskTypeDefinition.Field field = fields.get(f);
                if (field == null
                        || field.name() == null
                        || field.name().isBlank()
                        || !TaskTypeDefinition.FIELD_TYPES.contains(field.fieldType())) {
                    throw new KronforceException.InvalidInput(
                            at + "/fields/" + f,
                            "a field needs a name and a" + " field_type of "
                                    + String.join(", ", new java.util.TreeSet<>(TaskTypeDefinition.FIELD_TYPES)));
                }
            }
        }
    }
}
