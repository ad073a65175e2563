-- Live challenges are also bounded per network (issue 12 review: one host holding an IPv6 /48 counted as 65,536
-- clients and could take the whole global bound). The network is ClientAddress.networkOf: an IPv4 /24 or an IPv6 /48;
-- null on rows written before this migration, which count for no network and expire within the TTL.
alter table challenge add column network varchar(64);

-- The live counts (client, network, all) read unused rows only: partial indexes, so that a count never visits the
-- used rows, which stay until they expire.
create index ix_challenge_client_live on challenge (client, expires_at) where not used;
create index ix_challenge_network_live on challenge (network, expires_at) where not used;
create index ix_challenge_live on challenge (expires_at) where not used;
-- replaced by ix_challenge_client_live; ix_challenge_expires_at stays for the purge (used rows too)
drop index ix_challenge_client_expires_at;
