package io.kronforce.infra;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fields Kubernetes does not know (a misspelt {@code replica:}, {@code readinesProbe:}), which the
 * API server drops silently and the schema check lets through: each core document is read into
 * Kubernetes' own types (fabric8's model), which keep unknown fields aside, and those are reported
 * with their path. KEDA documents are checked for the pod template they embed.
 */
final class UnknownFields {
    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Map<String, Class<?>> KINDS = Map.of(
            "apps/v1 StatefulSet",
            StatefulSet.class,
            "apps/v1 Deployment",
            Deployment.class,
            "apps/v1 DaemonSet",
            DaemonSet.class,
            "v1 Service",
            Service.class,
            "v1 Secret",
            Secret.class,
            "v1 ServiceAccount",
            ServiceAccount.class,
            "policy/v1 PodDisruptionBudget",
            PodDisruptionBudget.class,
            "networking.k8s.io/v1 NetworkPolicy",
            NetworkPolicy.class);

    private UnknownFields() {}

    /** "Kind name: path.field" for every unknown field of the documents. */
    static List<String> in(List<JsonNode> docs) {
        List<String> out = new ArrayList<>();
        for (JsonNode d : docs) {
            String id = d.path("kind").asText() + " "
                    + d.path("metadata").path("name").asText();
            Class<?> type = KINDS.get(
                    d.path("apiVersion").asText() + " " + d.path("kind").asText());
            if (type != null) {
                walk(JSON.convertValue(d, type), id + ": ", out);
            } else if (d.path("kind").asText().equals("ScaledJob")) {
                walk(
                        JSON.convertValue(d.at("/spec/jobTargetRef/template"), PodTemplateSpec.class),
                        id + ": spec.jobTargetRef.template.",
                        out);
            }
        }
        return out;
    }

    private static void walk(Object o, String path, List<String> out) {
        if (o == null) {
            return;
        }
        if (o instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "].", out);
            }
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0
                    || Modifier.isStatic(m.getModifiers())
                    || !m.getName().startsWith("get")
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            Object v;
            try {
                v = m.invoke(o);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            String field =
                    Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
            if (field.equals("additionalProperties") && v instanceof Map<?, ?> extra) {
                extra.keySet().forEach(k -> out.add(path + k));
            } else if (!(v instanceof Map<?, ?>)) {
                walk(v, path + field + ".", out);
            }
        }
    }
}
