-- inventory-service: the system of record. Codes are natural keys (they travel in QuantKey);
-- quants and ledger entries get surrogate ids because they are referenced from outside.

create table site (
    code text primary key,
    name text not null
);

create table bin (
    site_code text not null references site (code),
    code      text not null,
    area      text not null,
    primary key (site_code, code)
);
create index bin_area on bin (site_code, area, code);

create table product (
    sku       text primary key,
    name      text not null,
    parent    text,
    tracking  text not null check (tracking in ('BULK', 'LOT', 'SERIAL', 'RFID')),
    unit_cost numeric(19, 4) not null check (unit_cost >= 0)
);
create index product_parent on product (parent text_pattern_ops);
create index product_sku_prefix on product (sku text_pattern_ops);

-- every GTIN in its GTIN-14 form; the primary key makes one product own it
create table product_gtin (
    gtin char(14) primary key,
    sku  text     not null references product (sku)
);
create index product_gtin_sku on product_gtin (sku);

-- lot is '' for products that are not lot-tracked, so the natural key stays unique without nulls
create table quant (
    id        bigserial primary key,
    site_code text   not null,
    bin_code  text   not null,
    sku       text   not null references product (sku),
    lot       text   not null default '',
    quantity  bigint not null check (quantity >= 0),
    foreign key (site_code, bin_code) references bin (site_code, code),
    unique (site_code, bin_code, sku, lot)
);
-- the snapshot of a count pages through a site's non-empty quants by id
create index quant_site_on_hand on quant (site_code, id) where quantity > 0;
create index quant_site_sku on quant (site_code, sku);

-- a serial (or an EPC) of one product; quant_id is null once the unit left stock
create table serialized_unit (
    sku       text        not null references product (sku),
    serial    text        not null,
    quant_id  bigint references quant (id),
    linked_at timestamptz,
    primary key (sku, serial)
);
create index serialized_unit_quant on serialized_unit (quant_id, serial);

-- append-only: rows are inserted, never updated or deleted
create table ledger_entry (
    id             bigserial primary key,
    site_code      text        not null,
    quant_id       bigint      not null references quant (id),
    bin_code       text        not null,
    sku            text        not null,
    lot            text        not null,
    type           text        not null,
    reason         text,
    delta          bigint      not null,
    quantity_after bigint      not null,
    at             timestamptz not null,
    request_id     text
);
create index ledger_site on ledger_entry (site_code, id);
create index ledger_quant_at on ledger_entry (quant_id, at, id);

-- idempotency of receipts and picks that carry a client id: the first answer is replayed
create table stock_request (
    site_code  text  not null,
    kind       text  not null,
    request_id text  not null,
    request    text  not null,
    response   text,
    primary key (site_code, kind, request_id)
);
