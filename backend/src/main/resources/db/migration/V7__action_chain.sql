-- The action chain (issue 11 part 4, docs/protocol.md 1.3 and 8): the card signs, with its CA, a running MAC
-- over the MACs of every command it executed. The server keeps the chain it confirmed with the CA, the chain the card
-- last signed (a resync sets the confirmed one to it), and the confirmed chain each script was issued from, so that it
-- settles a report only when the card ran exactly the commands of the script it issued.

-- H at confirmed_ca. No card was ever issued with the message layout that had no chain (docs/protocol.md section 5), so
-- 16 zero bytes, the chain of a card application that executed nothing, is the start for every row.
alter table card_application add column confirmed_chain bytea not null default decode(repeat('00', 16), 'hex');
alter table card_application add constraint ck_confirmed_chain_length check (octet_length(confirmed_chain) = 16);
-- H of the last verified message, beside signed_ca and signed_atc (null until the card signs one).
alter table card_application add column signed_chain bytea;
alter table card_application add constraint ck_signed_chain_length
    check (signed_chain is null or octet_length(signed_chain) = 16);

-- confirmed_chain when the script was issued: with base_ca, where the card's chain starts for this script.
alter table script add column base_chain bytea;
update script s set base_chain = a.confirmed_chain from card_application a where a.id = s.application_id;
alter table script alter column base_chain set not null;
alter table script add constraint ck_base_chain_length check (octet_length(base_chain) = 16);

-- Rule 7 held by the database itself, not only by the row lock: one script per session, and at most one in flight
-- per application. Existing rows satisfy both: a script is only issued for an admitted REQUEST, whose ATC is above the
-- application's last accepted ATC (which never goes down, a resync included), so no two scripts of one application
-- share a session ATC; and a script is only issued after the same message settled (or a resync ended) the one in
-- flight, under the row lock. Should a database somehow hold a violation, the migration stops here with the index
-- named, rather than starting a server that would pick one of two scripts in flight.
create unique index ux_script_session on script (application_id, session_atc);
create unique index ux_script_in_flight on script (application_id) where status = 'IN_FLIGHT';
