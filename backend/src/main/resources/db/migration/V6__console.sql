-- The helpdesk console (issue 10, docs/api.md "Staff API").

-- Staff and customers get a name to show and an e-mail to search by; an admin can disable a staff account (its
-- sessions end and its sign-in and HTTP Basic are refused).
alter table user_account add column display_name varchar(100);
alter table user_account add column email varchar(254);
alter table user_account add column disabled boolean not null default false;
alter table user_account add column created_at timestamp with time zone not null default now();

-- What the card last signed and when, recorded for every verified message, also while the application is frozen:
-- a resync sets the confirmed CA to signed_ca.
alter table card_application add column last_message_at timestamp with time zone;
alter table card_application add column signed_ca bigint;
alter table card_application add column signed_atc bigint;

-- Alerts are aggregated: one open row per (application, kind) counts the repeats (3,000 bad MACs are one row).
alter table alert add column count bigint not null default 1;
alter table alert add column first_seen timestamp with time zone;
alter table alert add column last_seen timestamp with time zone;
alter table alert add column acknowledged_by varchar(64);
alter table alert add column acknowledged_at timestamp with time zone;
alter table alert add column comment varchar(400);
update alert set first_seen = at, last_seen = at;
alter table alert alter column first_seen set not null;
alter table alert alter column last_seen set not null;
-- Alerts from before aggregation: keep the newest open one per (application, kind) open, close the older repeats.
update alert a set acknowledged = true, acknowledged_by = 'migration', acknowledged_at = now(),
    comment = 'closed when alerts became aggregated: a newer alert of this kind stays open'
  where not a.acknowledged and exists (select 1 from alert b where b.application_id is not distinct from a.application_id
    and b.kind = a.kind and not b.acknowledged and b.id > a.id);
create unique index ux_alert_open on alert (application_id, kind) where not acknowledged;
create index ix_alert_last_seen on alert (last_seen desc, id desc);

-- The staff comment of an act, apart from the event's detail; the dashboard reads counts per kind and hour.
alter table audit_event add column comment varchar(400);
create index ix_audit_kind_at on audit_event (kind, at);
create index ix_audit_application_at on audit_event (application_id, at desc, id desc);

-- Search (GET /api/cards?q=): a card id prefix, or a substring of a customer's user name, display name or e-mail.
create extension if not exists pg_trgm;
create index ix_card_id_lower on card (lower(card_id) varchar_pattern_ops);
create index ix_card_owner on card (owner);
create index ix_user_username_trgm on user_account using gin (lower(username) gin_trgm_ops);
create index ix_user_display_name_trgm on user_account using gin (lower(display_name) gin_trgm_ops);
create index ix_user_email_trgm on user_account using gin (lower(email) gin_trgm_ops);
create index ix_card_application_card on card_application (card_ref);
