package io.kronforce.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * infra/helm/kronforce through real Helm (helm-java): {@code lint --strict} with the default and
 * the production values, {@code template} for each variant into target/rendered/, the plain
 * manifests in infra/k8s/ equal to a fresh rendering, and every document of both valid against the
 * Kubernetes, KEDA and prometheus-operator schemas. {@code -Dkf.k8s.write=true} rewrites infra/k8s/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelmChartTest {
    /** What {@code helm template} renders for (it assumes 1.20 otherwise; the chart needs 1.25+). */
    private static final String KUBE_VERSION = "1.31.0";

    private static final Path CHART = Repo.infra("helm", "kronforce");
    private static final Path PRODUCTION = Repo.infra("helm", "values-production.yaml");
    /** The plain manifests: file in infra/k8s/ → the variant rendered into it. */
    private static final Map<String, String> PLAIN =
            Map.of("kronforce.yaml", "default", "kronforce-without-keda.yaml", "without-keda");

    private final Map<String, List<JsonNode>> rendered = new LinkedHashMap<>();
    private final Path out = Path.of("target/rendered").toAbsolutePath();

    @BeforeAll
    void render() throws IOException {
        Files.createDirectories(out);
        render("default", t -> t);
        render("production", t -> t.withValuesFile(PRODUCTION));
        render("without-keda", t -> t.set("keda.enabled", "false"));
        render(
                "jobs-api",
                t -> t.withValuesFile(
                        Path.of("src/test/resources/values-jobs-api.yaml").toAbsolutePath()));
        render(
                "secret-from-values",
                t -> t.set("secret.create", "true")
                        .set("secret.values.KRONFORCE_BOOTSTRAP_ADMIN_KEY", "kf_example_admin_key_for_rendering_only")
                        .set("secret.values.AWS_ACCESS_KEY_ID", "example")
                        .set("serviceMonitor.enabled", "true"));
        if (Boolean.getBoolean("kf.k8s.write")) {
            for (var e : PLAIN.entrySet()) {
                Files.copy(
                        out.resolve(e.getValue() + ".yaml"),
                        Repo.root().resolve("infra/k8s").resolve(e.getKey()),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void lintsStrictlyWithTheDefaultValues() {
        LintResult r = new Helm(CHART).lint().strict().call();
        assertFalse(r.isFailed(), String.join("\n", r.getMessages()));
    }

    @Test
    void lintsStrictlyWithTheProductionValues(@TempDir Path tmp) throws IOException {
        Path chart = copyChart(tmp);
        JsonNode merged = Manifests.merge(
                Manifests.YAML.readTree(CHART.resolve("values.yaml").toFile()),
                Manifests.YAML.readTree(PRODUCTION.toFile()));
        Manifests.YAML.writeValue(chart.resolve("values.yaml").toFile(), merged);
        LintResult r = new Helm(chart).lint().strict().call();
        assertFalse(r.isFailed(), String.join("\n", r.getMessages()));
    }

    @Test
    void helmRefusesAPlantedMistakeInTheChart(@TempDir Path tmp) throws IOException {
        Path chart = copyChart(tmp);
        Path sts = chart.resolve("templates/controller-statefulset.yaml");
        Files.writeString(
                sts, Files.readString(sts).replace("replicas: 1", "replicas: {{ .Values.controller.nope.replicas }}"));
        LintResult r = new Helm(chart).lint().strict().call();
        assertTrue(r.isFailed(), "lint must fail on a nil value: " + r.getMessages());
        assertThrows(
                RuntimeException.class,
                () -> new Helm(chart)
                        .template()
                        .withName("kronforce")
                        .withKubeVersion(KUBE_VERSION)
                        .call());
    }

    @Test
    void everyRenderedAndPlainManifestFitsTheSchemas() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(out)) {
            s.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(files::add);
        }
        PLAIN.keySet().forEach(f -> files.add(Repo.root().resolve("infra/k8s").resolve(f)));
        Command c = Manifests.validate(files);
        assertEquals(0, c.exit(), c.output());
        assertFalse(c.output().contains("INVALID"), c.output());
    }

    @Test
    void theSchemaCheckRefusesAPlantedMistake(@TempDir Path tmp) throws IOException {
        Path broken = tmp.resolve("broken.yaml");
        Files.writeString(
                broken,
                Files.readString(out.resolve("default.yaml")).replace("minReplicaCount: 0", "minReplicaCount: zero"));
        Command c = Manifests.validate(List.of(broken));
        assertNotEquals(0, c.exit(), c.output());
        assertTrue(c.output().contains("INVALID") && c.output().contains("ScaledObject"), c.output());
        Path unknown = tmp.resolve("unknown.yaml");
        Files.writeString(unknown, "apiVersion: example.com/v1\nkind: Thing\nmetadata: {name: x}\n");
        assertNotEquals(0, Manifests.validate(List.of(unknown)).exit(), "a kind without a schema is not a pass");
    }

    @Test
    void noRenderedOrPlainManifestHasAFieldKubernetesDoesNotKnow() throws IOException {
        List<String> unknown = new ArrayList<>();
        rendered.forEach((variant, docs) -> UnknownFields.in(docs).forEach(u -> unknown.add(variant + ": " + u)));
        for (String plain : PLAIN.keySet()) {
            UnknownFields.in(Manifests.parse(
                            Files.readString(Repo.root().resolve("infra/k8s").resolve(plain))))
                    .forEach(u -> unknown.add(plain + ": " + u));
        }
        assertEquals(List.of(), unknown);
    }

    @Test
    void theUnknownFieldCheckFindsAPlantedTypo() throws IOException {
        String typo = Files.readString(out.resolve("default.yaml"))
                .replace("readinessProbe:", "readinesProbe:")
                .replace("  replicas: 1\n", "  replica: 1\n");
        List<String> found = UnknownFields.in(Manifests.parse(typo));
        assertTrue(found.stream().anyMatch(u -> u.endsWith("spec.replica")), found.toString());
        assertTrue(found.stream().anyMatch(u -> u.endsWith("containers.[0].readinesProbe")), found.toString());
    }

    @Test
    void thePlainManifestsAreTheChartRenderedWithItsDefaults() throws IOException {
        for (var e : PLAIN.entrySet()) {
            assertEquals(
                    Files.readString(out.resolve(e.getValue() + ".yaml")),
                    Files.readString(Repo.root().resolve("infra/k8s").resolve(e.getKey())),
                    "infra/k8s/" + e.getKey() + " is stale: rerun with -Dkf.k8s.write=true");
        }
    }

    @Test
    void theControllerIsOneReplicaWithAVolumeProbesAndABudget() {
        List<JsonNode> docs = rendered.get("default");
        JsonNode sts = Manifests.find(docs, "StatefulSet", "-controller").orElseThrow();
        assertEquals(1, sts.at("/spec/replicas").asInt());
        assertEquals(
                "data", sts.at("/spec/volumeClaimTemplates/0/metadata/name").asText());
        JsonNode c = sts.at("/spec/template/spec/containers/0");
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            assertEquals("/api/health", c.path(probe).at("/httpGet/path").asText(), probe);
        }
        assertEquals("kronforce-keys", c.at("/envFrom/0/secretRef/name").asText());
        assertEquals(
                65532, sts.at("/spec/template/spec/securityContext/runAsUser").asInt());
        assertTrue(Manifests.find(docs, "PodDisruptionBudget", "-controller").isPresent());
        assertEquals(2, Manifests.all(docs, "NetworkPolicy").size());
        assertTrue(Manifests.all(docs, "Secret").isEmpty(), "no Secret unless secret.create");

        JsonNode prod = Manifests.find(rendered.get("production"), "StatefulSet", "-controller")
                .orElseThrow();
        List<String> env = new ArrayList<>();
        prod.at("/spec/template/spec/containers/0/env")
                .forEach(e -> env.add(e.get("name").asText()));
        assertTrue(env.containsAll(List.of("KRONFORCE_REPLICA_URL", "KRONFORCE_REPLICA_REGION")), env.toString());
    }

    @Test
    void workersScaleFromZeroOnTheirPoolsQueueDepth() {
        JsonNode so = Manifests.find(rendered.get("default"), "ScaledObject", "-worker-default")
                .orElseThrow();
        assertEquals(0, so.at("/spec/minReplicaCount").asInt());
        assertEquals("metrics-api", so.at("/spec/triggers/0/type").asText());
        assertTrue(so.at("/spec/triggers/0/metadata/url").asText().endsWith("/api/agent-queue/depth?pool=any"));
        assertEquals(
                "pools.any", so.at("/spec/triggers/0/metadata/valueLocation").asText());
        assertTrue(Manifests.find(rendered.get("default"), "TriggerAuthentication", "-queue-depth")
                .isPresent());

        List<JsonNode> prod = rendered.get("production");
        JsonNode job = Manifests.find(prod, "ScaledJob", "-worker-batch").orElseThrow();
        assertEquals(
                "[\"worker\",\"--once\"]",
                job.at("/spec/jobTargetRef/template/spec/containers/0/args").toString());
        assertEquals(
                "sum(kronforce_queue_depth{pool=\"batch\"})",
                job.at("/spec/triggers/0/metadata/query").asText());
        assertTrue(Manifests.find(prod, "DaemonSet", "-agent").isPresent());
        assertTrue(Manifests.find(prod, "ServiceMonitor", "-controller").isPresent());

        JsonNode apiJob = Manifests.find(rendered.get("jobs-api"), "ScaledJob", "-worker-gpu")
                .orElseThrow();
        assertEquals(
                "pools.gpu",
                apiJob.at("/spec/triggers/0/metadata/valueLocation").asText());

        List<JsonNode> plain = rendered.get("without-keda");
        assertTrue(Manifests.all(plain, "ScaledObject").isEmpty()
                && Manifests.all(plain, "TriggerAuthentication").isEmpty());
        assertEquals(
                1,
                Manifests.find(plain, "Deployment", "-worker-default")
                        .orElseThrow()
                        .at("/spec/replicas")
                        .asInt());
    }

    @Test
    void everySettingTheChartSetsIsOneTheCodeReads() {
        Set<String> known = Settings.known();
        List<String> unknown = new ArrayList<>();
        rendered.forEach((variant, docs) -> docs.forEach(d -> d.findValues("env")
                .forEach(list -> list.forEach(e -> {
                    String n = e.path("name").asText();
                    if (n.startsWith("KRONFORCE_") && !known.contains(n)) {
                        unknown.add(variant + ": " + n);
                    }
                }))));
        assertEquals(List.of(), unknown);
    }

    private void render(String variant, UnaryOperator<TemplateCommand> values) throws IOException {
        String yaml = values.apply(
                        new Helm(CHART).template().withName("kronforce").withKubeVersion(KUBE_VERSION))
                .call();
        Files.writeString(out.resolve(variant + ".yaml"), yaml);
        rendered.put(variant, Manifests.parse(yaml));
    }

    private static Path copyChart(Path tmp) throws IOException {
        Path to = tmp.resolve("kronforce");
        Command.run(tmp, List.of("cp", "-r", CHART.toString(), to.toString())).requireSuccess();
        return to;
    }
}
