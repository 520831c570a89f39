-- The counted lines of every session result part, kept per revision: a re-completed session
-- (higher revision) is reconciled against what earlier revisions already requested.
create table session_line (
    session_id       text        not null,
    revision         int         not null,
    line_id          text        not null,
    quant_id         text,
    sku              text        not null,
    bin_code         text        not null,
    lot              text        not null,
    tracking         text        not null,
    system_quantity  bigint      not null,
    counted_quantity bigint      not null,
    counted_at       timestamptz not null,
    unit_cost        numeric(19, 4),
    primary key (session_id, revision, line_id)
);

-- Which parts of a revision arrived, so completion can prove it holds the whole result.
create table session_part (
    session_id text not null,
    revision   int  not null,
    part       int  not null,
    parts      int  not null,
    lines      int  not null,
    primary key (session_id, revision, part)
);

-- One row per reconciled completion of a session.
create table completed_session (
    session_id    text        not null,
    revision      int         not null,
    count_id      text        not null,
    site_code     text        not null,
    session_name  text,
    count_type    text,
    completed_at  timestamptz not null,
    completed_by  text,
    counted_lines int         not null,
    reconciled_at timestamptz not null default now(),
    primary key (session_id, revision)
);

-- Every adjustment requested from inventory, and what inventory answered.
create table adjustment (
    request_id      text        primary key,
    session_id      text        not null,
    revision        int         not null,
    line_id         text        not null,
    site_code       text        not null,
    bin_code        text        not null,
    sku             text        not null,
    lot             text        not null,
    delta           bigint      not null,
    status          text        not null check (status in ('PENDING', 'APPLIED', 'FAILED')),
    requested_at    timestamptz not null,
    applied_delta   bigint,
    quantity_after  bigint,
    applied_at      timestamptz,
    failed_at       timestamptz,
    failure_reason  text,
    unique (session_id, revision, line_id)
);
create index adjustment_by_session on adjustment (session_id, revision, status);
