-- The figures' checkpoint (see README "stores"): each tenant's kept events and word counts, and the log positions
-- they cover, written in one transaction.
create table analytics_tenant_checkpoint (
    tenant   varchar(128) primary key,
    events   bytea        not null,
    voice    text         not null,
    saved_at timestamp with time zone not null
);

create table analytics_log_position (
    topic            varchar(255) not null,
    partition_number integer      not null,
    next_offset      bigint       not null,
    primary key (topic, partition_number)
);
