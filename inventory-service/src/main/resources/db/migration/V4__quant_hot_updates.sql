-- Every movement and every count rewrites a quant's quantity. The partial index on "quantity > 0" made each
-- such update write a new entry in all four indexes of quant (a column in an index predicate counts as
-- indexed, so no update was HOT). Without it, and with room left on each page, an update that only changes
-- the quantity is HOT: no index entry at all. Listing a site's quants with stock walks (site_code, id) and
-- skips the empty ones.
drop index quant_site_on_hand;
create index quant_site_id on quant (site_code, id);
alter table quant set (fillfactor = 70);
