-- The units a count saw in a serialized quant, gathered over the parts of its UnitsCounted, so the
-- last part can detach the units linked there that were not seen.
create table count_unit_seen (
    count_id text   not null,
    quant_id bigint not null references quant (id),
    version  int    not null,
    serial   text   not null,
    primary key (quant_id, count_id, version, serial)
);

create table count_unit_part (
    count_id text   not null,
    quant_id bigint not null references quant (id),
    version  int    not null,
    part     int    not null,
    primary key (quant_id, count_id, version, part)
);
