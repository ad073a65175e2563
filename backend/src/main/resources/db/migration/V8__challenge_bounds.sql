-- Challenges are bounded (issue 12): live ones per client and in total, and the expired ones are purged now and
-- then by expiry. Before, every challenge request deleted the expired rows by an unindexed column, a full scan of a
-- table that anybody could fill at 600 rows a second.
-- The client address the challenge was handed to (ClientAddress: an IPv4 address or an IPv6 /64); null on rows
-- written before this migration, which count for nobody and expire within the TTL.
alter table challenge add column client varchar(64);

-- The purge (delete ... where expires_at < now) and the count of all live challenges.
create index ix_challenge_expires_at on challenge (expires_at);
-- The count of one client's live challenges.
create index ix_challenge_client_expires_at on challenge (client, expires_at);
