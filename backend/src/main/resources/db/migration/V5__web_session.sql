-- Browser sign-in sessions (docs/api.md "Signing in"). Server-side so that sign-out really ends a session, and so
-- that every backend instance on this database knows it. The cookie carries a random token; only its SHA-256 is
-- stored, so a copy of this table does not let anybody sign in.
create table web_session (
    token_hash   varchar(64)  primary key,
    user_id      bigint       not null references user_account (id) on delete cascade,
    created_at   timestamp with time zone not null,
    last_seen_at timestamp with time zone not null
);
create index web_session_user on web_session (user_id);
create index web_session_last_seen on web_session (last_seen_at);
