package io.kronforce.controller.mcp;

import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.ProblemType;
import io.kronforce.controller.jobs.JobCatalog;

/**
 * Finds the job a tool names by {@code id} or by {@code name}. Unlike upstream (a LIKE search that
 * takes the first hit, docs/reference/differences.md row 23) a name must match exactly, so "backup" never picks
 * "backup-old".
 */
final class JobRef {
    private JobRef() {}

    /** The job {@code who} names; one outside its groups answers as missing. */
    static Job resolve(JobCatalog jobs, Principal who, Args args) {
        var id = args.text("id");
        if (id.isPresent()) {
            return jobs.require(who, id.get());
        }
        String name = args.text("name").orElseThrow(() -> new Args.Bad("provide 'name' or 'id' argument"));
        return jobs.findByName(name)
                .filter(j -> who.scope().admits(j.group()))
                .orElseThrow(() ->
                        new KronforceException.NotFound(ProblemType.JOB_NOT_FOUND, "no job is named '" + name + "'"));
    }
}
