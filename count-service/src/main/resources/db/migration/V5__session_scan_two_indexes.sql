-- session_scan takes one row per scan, 200,000 for one RFID session, and each index is one more entry to write per
-- row on the path that must keep up with the portals. Every query of it names the session (ScanQueries,
-- SessionQueries, SessionProjection), so the bigint key alone served none of them: the primary key becomes
-- (session_id, id), which pages a session's scans in arrival order (all of them, or the COUNTED ones, nearly all),
-- counts them for the session view and finds an unmatched scan's neighbours. The category index is kept only for the
-- rare categories (UNMATCHED, UNDIRECTED, DISMISSED) a screen pages through: a COUNTED row, the common case, now
-- writes two index entries instead of three. (session_id, observation_id) stays unique: lookups by scan id and the
-- last guard against a scan recorded twice.
alter table session_scan drop constraint session_scan_pkey;
alter table session_scan add primary key (session_id, id);
drop index session_scan_by_category;
create index session_scan_uncommon on session_scan (session_id, category, id) where category <> 'COUNTED';
