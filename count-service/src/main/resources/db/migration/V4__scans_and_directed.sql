-- Directed lists, scan categories, hand counts (issue 3).
alter table count_view add column directed text[] not null default '{}';
alter table session_view add column count_type varchar(16);
alter table session_view add column directed text[] not null default '{}';
alter table session_view add column current_bin varchar(64);
alter table session_line add column parent text;
create index session_line_by_sku on session_line (session_id, sku);
create index session_line_by_parent on session_line (session_id, parent);

-- Every scan applied to a session, in arrival order (id), with its category; removed ones are kept, flagged.
create table session_scan (
    id              bigserial    primary key,
    session_id      varchar(64)  not null,
    observation_id  varchar(128) not null,
    kind            varchar(16)  not null,
    code            text         not null,
    gtin            varchar(14),
    serial          text,
    epc             text,
    bin             varchar(64),
    line_no         integer,
    category        varchar(16)  not null,
    reason          text,
    observed_at     timestamptz  not null,
    removed         boolean      not null default false,
    unique (session_id, observation_id)
);
create index session_scan_by_category on session_scan (session_id, category, id);
