-- Shared by every service with a database (the platform module ships it; Flyway location db/platform).

-- Events waiting to be published; OutboxRelay deletes a row once Kafka acknowledged it.
create table if not exists outbox (
    id             bigserial primary key,
    topic          text        not null,
    record_key     text        not null,
    event_id       text        not null,
    event_type     text        not null,
    schema_version int         not null,
    occurred_at    timestamptz not null,
    correlation_id text,
    payload        bytea       not null
);

-- One row per event a consumer has applied, written in the transaction of its effect.
create table if not exists processed_event (
    consumer     text        not null,
    event_id     text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
