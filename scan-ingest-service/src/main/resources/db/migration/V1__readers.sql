-- Fixed readers and handheld devices, where they count, and which session each one feeds.

create table reader (
    id         text primary key,
    -- READER: a fixed portal or overhead reader with antennas; HANDHELD: a sled or handheld
    kind       text        not null check (kind in ('READER', 'HANDHELD')),
    site       text        not null,
    -- bin or area of every antenna without its own
    bin        text,
    updated_at timestamptz not null default now()
);

create table reader_antenna (
    reader_id text not null references reader (id) on delete cascade,
    port      int  not null check (port >= 1),
    bin       text not null,
    primary key (reader_id, port)
);

-- At most one session per reader while it counts; a row removed is a reader that stopped.
create table reader_binding (
    reader_id  text primary key references reader (id) on delete cascade,
    session_id text        not null,
    started_at timestamptz not null
);
