-- When a ledger entry took effect on the shelf, as opposed to when it was recorded (at). A receipt or
-- pick posted late carries the time it happened; a count correction takes effect at the moment the
-- shelf was counted. "Quantity at t" sums the entries that took effect at or before t.
alter table ledger_entry add column effective_at timestamptz;
update ledger_entry set effective_at = at;
alter table ledger_entry alter column effective_at set not null;
-- the count whose correction an entry is (null for every other movement)
alter table ledger_entry add column count_id text;
create index ledger_quant_effective on ledger_entry (quant_id, effective_at);
create index ledger_quant_count on ledger_entry (quant_id, count_id) where count_id is not null;

-- The last COUNT or WITHDRAW request of a count applied to a quant: the anchor that absorbs a
-- movement posted late with a time before the count moment, and the version that refuses stale requests.
create table count_anchor (
    count_id         text        not null,
    quant_id         bigint      not null references quant (id),
    version          int         not null,
    counted_quantity bigint      not null,
    counted_at       timestamptz,
    withdrawn        boolean     not null,
    primary key (quant_id, count_id)
);
