-- What each UnitsCounted changed per unit, so a WITHDRAW of the count on the quant can take it back:
-- 'moved' (linked at from_quant before, since prev_linked_at), 'created' (unknown before), or
-- 'detached' (linked here since prev_linked_at, not seen). counted_at is the count moment of that version,
-- which a moved or created unit carries as its linked_at: it is still where the count left it while its
-- row says so. Rows are deleted once the count is withdrawn from the quant and its changes taken back.
create table count_unit_change (
    count_id       text        not null,
    quant_id       bigint      not null references quant (id),
    version        int         not null,
    serial         text        not null,
    change         text        not null check (change in ('moved', 'created', 'detached')),
    from_quant     bigint references quant (id),
    prev_linked_at timestamptz,
    counted_at     timestamptz not null,
    primary key (quant_id, count_id, version, serial)
);
