-- Every request's outcome is written once into its count_adjustment row (status PENDING -> APPLIED/FAILED and
-- the figures inventory answered). With status in the index count_adjustment_status, none of those updates was
-- HOT: each wrote a new entry in all three indexes (on a 100,000-line count, the largest PostgreSQL cost of
-- reconciliation). That index served lookups by count_id, which the unique (count_id, bin_code, sku, lot, version)
-- index serves as well; without it no updated column is indexed, and with half of each page left free the
-- new version of a row fits beside the old one, so an outcome writes no index entry.
drop index count_adjustment_status;
alter table count_adjustment set (fillfactor = 50);
