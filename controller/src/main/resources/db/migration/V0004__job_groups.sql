-- Groups and their pipeline schedules in a real table (upstream keeps them in settings
-- rows: custom_groups and pipeline_schedule_<group>, with the next fire only in memory).
CREATE TABLE job_groups (
    name                    TEXT PRIMARY KEY,
    created_at_ms           INTEGER NOT NULL,
    pipeline_schedule_json  TEXT,
    next_fire_ms            INTEGER,
    last_fired_ms           INTEGER
);
CREATE INDEX job_groups_next_fire ON job_groups(next_fire_ms) WHERE next_fire_ms IS NOT NULL;
