-- Read models of the REST API, written by the subscribing processor in the command's transaction.

create table count_view (
    id            varchar(64)  primary key,
    site          varchar(64)  not null,
    name          text         not null,
    type          varchar(16)  not null,
    bin           varchar(64),
    planned_start timestamptz  not null,
    notes         text,
    created_at    timestamptz  not null
);
create index count_view_by_site on count_view (site, id);

create table session_view (
    id              varchar(64) primary key,
    count_id        varchar(64) not null,
    site            varchar(64) not null,
    name            text        not null,
    bin             varchar(64),
    status          varchar(16) not null,
    created_at      timestamptz not null,
    started_at      timestamptz,
    completed_at    timestamptz,
    revision        integer     not null default 0,
    scans           bigint      not null default 0,
    unmatched_scans bigint      not null default 0
);
create index session_view_by_count on session_view (count_id, created_at);

-- One row per line; line_no is the line id, and the keyset of the paged line list.
create table session_line (
    session_id       varchar(64) not null,
    line_no          integer     not null,
    quant_id         varchar(64),
    sku              varchar(64) not null,
    name             text,
    bin              varchar(64) not null,
    area             varchar(64),
    lot              varchar(64) not null,
    tracking         varchar(16) not null,
    gtins            text,
    unit_cost        numeric(19, 4),
    system_quantity  bigint      not null,
    counted_quantity bigint,
    counted_at       timestamptz,
    primary key (session_id, line_no)
);
