-- Adjustments are requested per count and quant, no longer per session line: the sessions of one
-- count covering the same quant add up, and inventory works out the change from its ledger.
drop table adjustment;

-- Where each session stands: the revision whose result counts, none once discarded.
create table session_state (
    session_id    text primary key,
    count_id      text    not null,
    site_code     text    not null,
    revision      int,
    discarded     boolean not null default false
);
create index session_state_count on session_state (count_id);
create index session_line_quant on session_line (session_id, revision, bin_code, sku, lot);

-- What the count last asked of inventory for each quant it covers: the total counted by its active
-- sessions and the moment, or withdrawn when no active session covers the quant any more.
create table count_quant (
    id               bigserial   primary key,
    count_id         text        not null,
    site_code        text        not null,
    bin_code         text        not null,
    sku              text        not null,
    lot              text        not null,
    version          int         not null,
    counted_quantity bigint,
    counted_at       timestamptz,
    system_quantity  bigint,
    unit_cost        numeric(19, 4),
    unique (count_id, bin_code, sku, lot)
);

-- Every request sent to inventory, and what inventory answered.
create table count_adjustment (
    request_id        text        primary key,
    count_id          text        not null,
    site_code         text        not null,
    bin_code          text        not null,
    sku               text        not null,
    lot               text        not null,
    version           int         not null,
    kind              text        not null check (kind in ('COUNT', 'WITHDRAW')),
    counted_quantity  bigint,
    counted_at        timestamptz,
    caused_by         text        not null,
    status            text        not null check (status in ('PENDING', 'APPLIED', 'FAILED')),
    requested_at      timestamptz not null,
    quantity_at_count bigint,
    applied_delta     bigint,
    count_correction  bigint,
    quantity_after    bigint,
    applied_at        timestamptz,
    failed_at         timestamptz,
    failure_reason    text,
    unique (count_id, bin_code, sku, lot, version)
);
create index count_adjustment_status on count_adjustment (count_id, status);
