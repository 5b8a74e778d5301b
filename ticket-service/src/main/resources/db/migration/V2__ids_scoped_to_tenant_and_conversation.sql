-- Message, note and ticket ids are chosen outside this service (an agent's reply may name its own message id, a
-- channel names its messages): each is unique only within its tenant and conversation. A global key let an agent of one
-- tenant, replying with another tenant's message id, overwrite that message (issue #14, finding 1).
ALTER TABLE messages DROP CONSTRAINT messages_pkey, ADD PRIMARY KEY (tenant, conversation_id, id);
ALTER TABLE notes DROP CONSTRAINT notes_pkey, ADD PRIMARY KEY (tenant, conversation_id, id);
ALTER TABLE tickets DROP CONSTRAINT tickets_pkey, ADD PRIMARY KEY (tenant, conversation_id, id);
-- Ticket pages look a ticket up by its tenant and id.
CREATE INDEX tickets_tenant_id ON tickets (tenant, id);
