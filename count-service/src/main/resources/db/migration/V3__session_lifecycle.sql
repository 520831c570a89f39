-- Full session lifecycle (issue 3): area label, discard, lock holder; counts list progress reads these.
alter table session_view add column area varchar(64);
alter table session_view add column discarded_at timestamptz;
alter table session_view add column lock_holder varchar(128);
alter table session_view add column lock_expires_at timestamptz;
