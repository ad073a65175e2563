-- Audit rows take their ids from a sequence in blocks of 50, so the several rows one message writes can
-- go to the database in one batch instead of one round trip each (IDENTITY ids force one insert at a
-- time). It starts far above any id the IDENTITY column handed out before.
create sequence audit_event_seq start with 1000000000 increment by 50;
