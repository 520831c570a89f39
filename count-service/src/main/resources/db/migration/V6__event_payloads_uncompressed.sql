-- Event and snapshot payloads stored out of line WITHOUT compression (storage external instead of extended).
-- While an RFID portal streams, every poll appends ~20 ScansRecorded events of ~90 KB of JSON each, and PostgreSQL
-- compressed each with pglz (the embedded PostgreSQL 17 build is made without lz4: its binary links no liblz4) in
-- the committing backend, on the two cores the whole stack shares; the publisher then decompresses them again to read
-- them. Measured with PostgresSessionBench 0 0 200000 backlog -Dbench.pg-statements=true (docs/benchmarks.md, round 8):
-- the event inserts' execution time 681-760 ms -> 303 ms per 200,000 EPCs, PostgreSQL's CPU over the drain about
-- 0.4-0.5 core-s lower. The price: the payloads are written as they are, so a 200,000-EPC session's events take
-- ~36 MB instead of ~14 MB on disk and in the WAL (WAL 556 -> 685 bytes an EPC). CPU is what this platform runs out
-- of; disk and WAL bandwidth are not. Only rows written from now on are affected; older ones stay compressed and are
-- read as before. On a server built with lz4, "set compression lz4" with storage extended would be the middle way.
alter table domain_event_entry alter column payload set storage external;
alter table snapshot_event_entry alter column payload set storage external;
