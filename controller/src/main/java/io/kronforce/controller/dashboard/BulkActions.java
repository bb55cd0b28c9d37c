package io.kronforce.controller.dashboard;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.JobStatus;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Page;
import io.kronforce.controller.domain.PageRequest;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.RunLogRecord;
import io.kronforce.controller.domain.listing.JobQuery;
import io.kronforce.controller.executions.ExecutionControl;
import io.kronforce.controller.jobs.Groups;
import io.kronforce.controller.jobs.JobCatalog;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Safe bulk actions on jobs: a preview names exactly the jobs an action will touch (resolving a
 * list filter into ids, saying which would be left alone and why); running it takes those ids and
 * answers one result per job, failures included. Each job goes through the same use case as a
 * single request (validation, gate, audit), so a bulk action can do nothing a single one cannot.
 */
public final class BulkActions {
    private static final Logger LOG = Logger.getLogger(BulkActions.class.getName());
    /** Most jobs one action may touch. */
    public static final int MAX_ITEMS = 500;

    /** What the action does to each job. */
    public enum Action {
        RUN,
        PAUSE,
        RESUME,
        SET_GROUP,
        DELETE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Action parse(String text) {
            for (Action a : values()) {
                if (a.wire().equals(text)) {
                    return a;
                }
            }
            throw new KronforceException.InvalidInput(
                    "/action", "action must be run, pause, resume, set_group or delete");
        }
    }

    /**
     * A request: {@code jobIds}, or (previews only) a list filter; {@code group} for {@code set_group}.
     */
    public record Request(Action action, List<String> jobIds, Filter filter, String group) {
        public static Action action(String text) {
            return Action.parse(text);
        }
    }

    /** The jobs list's filters (null fields do not filter), as {@code GET /api/jobs} takes them. */
    public record Filter(String status, String search, String group) {}

    /** One job in a preview: {@code leftAlone} says why the action would not change it (null: it will). */
    public record PreviewItem(
            String jobId, String name, String group, String status, String effect, String leftAlone) {}

    /** One job's outcome. {@code problem} and {@code httpStatus} are set on failure. */
    public record Result(
            String jobId,
            String name,
            boolean ok,
            boolean leftAlone,
            String detail,
            String executionId,
            Integer httpStatus,
            String problem) {}

    private final JobCatalog jobs;
    private final ExecutionControl executions;
    private final Groups groups;

    public BulkActions(JobCatalog jobs, ExecutionControl executions, Groups groups) {
        this.jobs = jobs;
        this.executions = executions;
        this.groups = groups;
    }

    /** The job catalog the actions go through. */
    public JobCatalog jobs() {
        return jobs;
    }

    /** The jobs the action would touch, in the order given (ids) or name order (filter). Unknown ids are listed as such. */
    public List<PreviewItem> preview(Principal who, Request r) {
        requireGroup(r);
        List<PreviewItem> out = new ArrayList<>();
        if (r.jobIds() != null) {
            for (String id : distinct(r.jobIds())) {
                out.add(jobs.find(who, id)
                        .map(j -> item(r, j))
                        .orElse(new PreviewItem(id, null, null, null, "none", "no such job")));
            }
            return out;
        }
        if (r.filter() == null) {
            throw new KronforceException.InvalidInput("/job_ids", "give job_ids or a filter");
        }
        for (int page = 1; ; page++) {
            Page<Job> p = jobs.list(
                    who,
                    new JobQuery(
                            r.filter().status(),
                            r.filter().search(),
                            r.filter().group(),
                            new PageRequest(page, PageRequest.MAX_PER_PAGE)));
            if (p.total() > MAX_ITEMS) {
                throw new KronforceException.InvalidInput(
                        "/filter",
                        "the filter matches " + p.total() + " jobs; a bulk action touches at most " + MAX_ITEMS
                                + ": narrow it");
            }
            p.data().forEach(j -> out.add(item(r, j)));
            if (page >= p.totalPages()) {
                return out;
            }
        }
    }

    /** Applies the action to each id in turn; a failure is that job's result, never the whole answer's. */
    public List<Result> apply(Principal actor, Request r) {
        requireGroup(r);
        if (r.jobIds() == null || r.jobIds().isEmpty()) {
            throw new KronforceException.InvalidInput("/job_ids", "job_ids must list the jobs the preview showed");
        }
        List<Result> out = new ArrayList<>();
        for (String id : distinct(r.jobIds())) {
            out.add(applyOne(actor, r, id));
        }
        return out;
    }

    private Result applyOne(Principal actor, Request r, String id) {
        String name = null;
        try {
            Job job = jobs.require(actor, id);
            name = job.name();
            Optional<String> leftAlone = leftAlone(r, job);
            if (leftAlone.isPresent()) {
                return new Result(id, name, true, true, leftAlone.get(), null, null, null);
            }
            return switch (r.action()) {
                case RUN -> {
                    String execution = executions.trigger(actor, id, null, false);
                    String status =
                            executions.require(actor, execution).status().wire();
                    yield new Result(id, name, true, false, "run " + status, execution, null, null);
                }
                case PAUSE, RESUME -> {
                    ObjectNode body = JsonNodeFactory.instance
                            .objectNode()
                            .put(
                                    "status",
                                    r.action() == Action.PAUSE ? JobStatus.PAUSED.wire() : JobStatus.SCHEDULED.wire());
                    yield new Result(
                            id,
                            name,
                            true,
                            false,
                            jobs.update(actor, id, body).status().wire(),
                            null,
                            null,
                            null);
                }
                case SET_GROUP -> {
                    groups.moveJobs(actor, JsonNodeFactory.instance.arrayNode().add(id), TextNode.valueOf(r.group()));
                    yield new Result(id, name, true, false, "moved to " + r.group(), null, null, null);
                }
                case DELETE -> {
                    jobs.delete(actor, id);
                    yield new Result(id, name, true, false, "deleted", null, null, null);
                }
            };
        } catch (KronforceException e) {
            return new Result(id, name, false, false, null, null, e.type().status(), e.getMessage());
        } catch (RuntimeException e) {
            RunLogRecord.log(LOG, Level.WARNING, "bulk " + r.action().wire() + " failed for job " + id, null, id, e);
            return new Result(id, name, false, false, null, null, 500, "internal error");
        }
    }

    private PreviewItem item(Request r, Job j) {
        String effect = switch (r.action()) {
            case RUN -> "trigger one run now (dependencies, concurrency and approval apply)";
            case PAUSE -> "pause";
            case RESUME -> "resume";
            case SET_GROUP -> "move to group " + r.group();
            case DELETE -> "delete the job and its history";
        };
        return new PreviewItem(
                j.id(),
                j.name(),
                j.group(),
                j.status().wire(),
                effect,
                leftAlone(r, j).orElse(null));
    }

    /** Why the action would not change this job, if it would not. */
    private static Optional<String> leftAlone(Request r, Job j) {
        return switch (r.action()) {
            case PAUSE -> j.status() == JobStatus.PAUSED ? Optional.of("already paused") : Optional.empty();
            case RESUME -> j.status() == JobStatus.PAUSED ? Optional.empty() : Optional.of("not paused");
            case SET_GROUP -> r.group().equals(j.group()) ? Optional.of("already in " + r.group()) : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static void requireGroup(Request r) {
        if (r.action() == Action.SET_GROUP && (r.group() == null || r.group().isBlank())) {
            throw new KronforceException.InvalidInput("/group", "set_group needs a group");
        }
    }

    private static List<String> distinct(List<String> ids) {
        List<String> out = List.copyOf(new LinkedHashSet<>(ids));
        if (out.size() > MAX_ITEMS) {
            throw new KronforceException.InvalidInput("/job_ids", "at most " + MAX_ITEMS + " jobs per bulk action");
        }
        return out;
    }
}
