-- The start-up reads of the scheduler and the reaction indexes at 1,000,000 jobs (bench/ B14): each
-- reads a few index entries (or one narrow index) instead of every job's row and JSON.

-- Every scheduled job's next fire, read from the index alone; replaces jobs_next_fire, which held
-- neither the id nor the status, so the load read the whole table.
CREATE INDEX jobs_plan ON jobs(next_fire_ms, status, id) WHERE next_fire_ms IS NOT NULL;
DROP INDEX jobs_next_fire;
-- Scheduled jobs with nothing planned: on-demand and event jobs, and changes not yet planned.
CREATE INDEX jobs_unplanned ON jobs(id) WHERE next_fire_ms IS NULL AND status = 'scheduled';
-- The few jobs with dependencies (the cascade's reverse index) and with an event schedule (the
-- event triggers' index), found without reading every job's JSON.
CREATE INDEX jobs_with_dependencies ON jobs(id) WHERE json_array_length(spec_json, '$.depends_on') > 0;
CREATE INDEX jobs_event_scheduled ON jobs(id)
    WHERE status = 'scheduled' AND json_extract(spec_json, '$.schedule.type') = 'event';
