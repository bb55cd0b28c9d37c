package io.kronforce.controller.portability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.listing.JobVersion;
import io.kronforce.controller.jobs.JobCatalog;
import io.kronforce.controller.portability.ImportItem.Action;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans the import of jobs: each passes the checks a create applies and keeps its id, status,
 * times and (when the file has them) its versions. A job whose id is stored replaces the stored
 * definition as its next version. Refused: an id or a name twice in the file, a name another stored
 * job has, a dependency on a job that is neither stored nor in the file.
 */
final class JobImports {
    private final JobCatalog catalog;

    JobImports(JobCatalog catalog) {
        this.catalog = catalog;
    }

    /** A job read from the file, or why it cannot be. */
    private record Read(int index, JsonNode item, Job job, List<JobVersion> versions, String refusal) {}

    /** The jobs' steps; {@code restored} collects the jobs the steps write, for the dependency check after. */
    List<Step> plan(List<JsonNode> items, ImportStores.Existing existing, Principal actor, List<Job> restored) {
        List<Read> reads = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Read r = read(i, items.get(i));
            if (r.job() != null) {
                ids.merge(r.job().id(), 1, Integer::sum);
                names.merge(r.job().name(), 1, Integer::sum);
            }
            reads.add(r);
        }
        Set<String> known = new java.util.HashSet<>(existing.jobNamesById().keySet());
        known.addAll(ids.keySet());
        List<Step> out = new ArrayList<>();
        for (Read r : reads) {
            String refusal = r.refusal() != null ? r.refusal() : refusal(r.job(), ids, names, known, existing);
            if (refusal != null) {
                String name = r.job() != null ? r.job().name() : Fields.nameOf(r.item(), "name");
                out.add(Step.only(ImportItem.refused("jobs", r.index(), name, refusal)));
                continue;
            }
            Job job = r.job();
            boolean exists = existing.jobNamesById().containsKey(job.id());
            restored.add(job);
            out.add(new Step(
                    new ImportItem(
                            "jobs", r.index(), job.name(), job.id(), exists ? Action.UPDATE : Action.CREATE, null),
                    c -> catalog.restore(c, actor, job, r.versions())));
        }
        return out;
    }

    private static String refusal(
            Job job,
            Map<String, Integer> ids,
            Map<String, Integer> names,
            Set<String> known,
            ImportStores.Existing existing) {
        if (ids.get(job.id()) > 1) {
            return "id " + job.id() + " is in the file twice";
        }
        if (names.get(job.name()) > 1) {
            return "name '" + job.name() + "' is in the file twice";
        }
        for (Map.Entry<String, String> stored : existing.jobNamesById().entrySet()) {
            if (stored.getValue().equals(job.name()) && !stored.getKey().equals(job.id())) {
                return "name '" + job.name() + "' is taken by stored job " + stored.getKey();
            }
        }
        for (String dep : job.spec().dependencyIds()) {
            if (!known.contains(dep)) {
                return "depends on job " + dep + ", which is neither stored nor in the file";
            }
        }
        return null;
    }

    private Read read(int index, JsonNode item) {
        try {
            ResourceImports.requireObject(item);
            Job job = catalog.restorable((ObjectNode) item);
            return new Read(index, item, job, versions(item.get("versions")), null);
        } catch (KronforceException e) {
            return new Read(index, item, null, List.of(), e.getMessage());
        }
    }

    /** Our export's {@code versions}: the job's history, oldest first. Upstream's files have none. */
    private static List<JobVersion> versions(JsonNode v) {
        List<JobVersion> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw new KronforceException.InvalidInput("/versions", "versions must be an array");
        }
        for (JsonNode item : v) {
            ResourceImports.requireObject(item);
            JsonNode version = item.get("version");
            JsonNode snapshot = item.get("snapshot");
            if (version == null || !version.canConvertToInt() || version.asInt() < 1) {
                throw new KronforceException.InvalidInput("/versions", "each version needs a positive version number");
            }
            if (snapshot == null || !snapshot.isObject()) {
                throw new KronforceException.InvalidInput("/versions", "each version needs its snapshot object");
            }
            Long at = Fields.time(item, "created_at");
            out.add(new JobVersion(
                    version.asInt(), snapshot, Fields.text(item, "changed_by", false), at == null ? 0 : at));
        }
        return out;
    }
}
