-- What each tenant configured for the bot: knowledge-base articles, flows, business hours, settings.
-- One JSON document per (tenant, kind, name); the bot validates documents before it stores them.
create table tenant_document (
    tenant     varchar(128) not null,
    kind       varchar(32)  not null,
    name       varchar(128) not null,
    body       text         not null,
    updated_at timestamp with time zone not null,
    primary key (tenant, kind, name)
);
