-- Cascade.checkGroup asks when a group last completed on every completion wave; without an index
-- that is a scan of the whole events feed, which grows by one row per finished execution.
CREATE INDEX events_group_completed ON events(details, timestamp_ms) WHERE kind = 'group.completed';
