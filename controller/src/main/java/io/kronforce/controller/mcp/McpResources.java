package io.kronforce.controller.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.PageRequest;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.listing.ExecutionQuery;
import io.kronforce.controller.domain.listing.JobQuery;
import io.kronforce.controller.executions.ExecutionControl;
import io.kronforce.controller.jobs.JobCatalog;
import io.kronforce.controller.views.JobViews;
import io.kronforce.controller.views.Views;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resources: jobs and executions as JSON and an execution's output as text, under
 * {@code kronforce://} URIs. Readable by every user role, like the REST reads.
 */
final class McpResources {
    private static final Pattern URI = Pattern.compile("kronforce://(jobs|executions)(?:/([^/]+)(/output)?)?");
    private static final String JSON = "application/json";

    private final JobCatalog jobs;
    private final JobViews views;
    private final ExecutionControl executions;

    McpResources(JobCatalog jobs, JobViews views, ExecutionControl executions) {
        this.jobs = jobs;
        this.views = views;
        this.executions = executions;
    }

    /** The two collections and the most recent jobs (the first page; templates reach the rest). */
    ObjectNode list(Principal caller) {
        ObjectNode out = Rpc.object();
        ArrayNode list = out.putArray("resources");
        resource(list, "kronforce://jobs", "jobs", "Jobs (first 100)", JSON);
        resource(list, "kronforce://executions", "executions", "Recent executions (latest 100)", JSON);
        for (Job j : jobs.list(caller, new JobQuery(null, null, null, new PageRequest(1, PageRequest.MAX_PER_PAGE)))
                .data()) {
            resource(list, "kronforce://jobs/" + j.id(), j.name(), "Job '" + j.name() + "'", JSON);
        }
        return out;
    }

    ObjectNode templates() {
        ObjectNode out = Rpc.object();
        ArrayNode list = out.putArray("resourceTemplates");
        template(list, "kronforce://jobs/{id}", "job", "A job's definition and state", JSON);
        template(list, "kronforce://executions/{id}", "execution", "One run with its output", JSON);
        template(
                list,
                "kronforce://executions/{id}/output",
                "execution-output",
                "A run's stdout and stderr",
                "text/plain");
        return out;
    }

    ObjectNode read(Principal caller, String uri) {
        Matcher m = URI.matcher(uri);
        if (!m.matches()) {
            throw new Rpc.Failure(Rpc.RESOURCE_NOT_FOUND, "Resource not found: " + uri);
        }
        try {
            return contents(caller, uri, m.group(1), m.group(2), m.group(3) != null);
        } catch (KronforceException.NotFound e) {
            throw new Rpc.Failure(Rpc.RESOURCE_NOT_FOUND, "Resource not found: " + uri);
        }
    }

    private ObjectNode contents(Principal caller, String uri, String kind, String id, boolean output) {
        if (kind.equals("jobs") && output) {
            throw new Rpc.Failure(Rpc.RESOURCE_NOT_FOUND, "Resource not found: " + uri);
        }
        if (id == null) {
            ArrayNode all = Rpc.MAPPER.createArrayNode();
            PageRequest page = new PageRequest(1, PageRequest.MAX_PER_PAGE);
            if (kind.equals("jobs")) {
                jobs.list(caller, new JobQuery(null, null, null, page)).data().forEach(j -> all.add(views.view(j)));
            } else {
                executions
                        .list(caller, new ExecutionQuery(null, null, null, null, page))
                        .data()
                        .forEach(e -> all.add(Views.execution(e)));
            }
            return text(uri, JSON, all);
        }
        if (kind.equals("jobs")) {
            return text(uri, JSON, views.view(jobs.require(caller, id)));
        }
        Execution e = executions.require(caller, id);
        if (output) {
            String body = e.stdout() + (e.stderr().isEmpty() ? "" : "\n--- stderr ---\n" + e.stderr());
            return text(uri, "text/plain", body);
        }
        return text(uri, JSON, Views.execution(e));
    }

    private static ObjectNode text(String uri, String mime, Object body) {
        ObjectNode out = Rpc.object();
        out.putArray("contents")
                .addObject()
                .put("uri", uri)
                .put("mimeType", mime)
                .put("text", body instanceof JsonNode n ? n.toPrettyString() : body.toString());
        return out;
    }

    private static void resource(ArrayNode list, String uri, String name, String description, String mime) {
        list.addObject()
                .put("uri", uri)
                .put("name", name)
                .put("description", description)
                .put("mimeType", mime);
    }

    private static void template(ArrayNode list, String uri, String name, String description, String mime) {
        list.addObject()
                .put("uriTemplate", uri)
                .put("name", name)
                .put("description", description)
                .put("mimeType", mime);
    }
}
