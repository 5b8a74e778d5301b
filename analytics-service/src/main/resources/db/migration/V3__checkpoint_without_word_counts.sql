-- Word counts are read again from each tenant's kept events (per conversation, so the team and channel filters apply
-- to them): the checkpoint no longer stores them.
alter table analytics_tenant_checkpoint drop column voice;
