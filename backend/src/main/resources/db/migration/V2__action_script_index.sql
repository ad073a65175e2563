-- Settlement reads the actions of the in-flight script on every accepted message.
create index ix_action_script on action (script_id);
