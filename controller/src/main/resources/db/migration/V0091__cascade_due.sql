-- Successes whose dependents are still to be told (docs/reference/scheduling.md, "Dependency
-- cascade"). A row is written in the transaction that records a succeeded run of a job that has
-- dependents, and removed once the cascade fired them; a row found at start-up is a cascade a
-- crash interrupted, finished then (dependents that already hold a run of that parent are left alone).
CREATE TABLE cascade_due (
    execution_id    TEXT PRIMARY KEY REFERENCES executions(id) ON DELETE CASCADE,
    created_at_ms   INTEGER NOT NULL
);
