create table tallied_event (
    event_id        varchar(64)  primary key,
    tenant          varchar(128) not null,
    type            varchar(128) not null,
    conversation_id varchar(512) not null,
    occurred_at     timestamp with time zone not null
);
create index tallied_event_tenant_type on tallied_event (tenant, type);
