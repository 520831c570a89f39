-- The serialized units of SERIAL and RFID lines (SessionSerialsPart), per session and revision.
create table session_serial (
    session_id text    not null,
    revision   int     not null,
    line_id    text    not null,
    unit       text    not null,
    seen       boolean not null,
    primary key (session_id, revision, line_id, unit)
);

create table session_serial_part (
    session_id text not null,
    revision   int  not null,
    part       int  not null,
    primary key (session_id, revision, part)
);
