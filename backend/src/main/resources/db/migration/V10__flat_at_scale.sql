-- Flat latency at a million card applications (issue 13, docs/performance.md "A million card applications").

-- The script in flight of an application is read on every accepted message (settlement), by application, status and
-- id order. Once PostgreSQL caches a generic plan for that prepared statement (after five executions on a connection),
-- the cheapest-looking plan for "order by id limit 1" over (application_id, status) was to walk the primary key and
-- filter: every script ever issued, 106 ms per message with 100,000 scripts in the table. With the order in the index
-- the first entry is the answer, whatever the plan and whatever the history. It replaces ix_script_application, whose
-- columns it starts with.
create index ix_script_application_status_id on script (application_id, status, id);
drop index ix_script_application;

-- The queued rest of a load (the actions of one LOAD_APPLICATION share a group) is ended when one of its parts fails for
-- good or is cancelled, in the message's transaction under the application's row lock: by group, which no index
-- served (a scan of every action ever queued, 114 ms with 300,000). Partial: only grouped actions are entered, so
-- CREDITs and the other single actions cost this index nothing.
create index ix_action_group on action (group_id, position) where group_id is not null;
