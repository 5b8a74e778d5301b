-- Contacts as agents keep them: a contact's ids on several channels linked into one, a name and attributes. Written
-- by agents through /api/v1/contacts, not projected from the log, so a projection rebuild leaves these tables alone.
-- A conversation's contact is the one its (channel, contact_user_id) identity is linked to; an identity no agent has
-- linked or edited yet has no row here.

CREATE TABLE contacts (
    id         text PRIMARY KEY,
    tenant     text NOT NULL,
    name       text,
    attributes text NOT NULL DEFAULT '{}',
    updated_at timestamptz NOT NULL
);

CREATE TABLE contact_identities (
    id              text PRIMARY KEY, -- tenant '/' channel ':' channel_user_id
    tenant          text NOT NULL,
    contact_id      text NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    channel         text NOT NULL,
    channel_user_id text NOT NULL
);

CREATE INDEX contact_identities_contact ON contact_identities (contact_id);
CREATE INDEX conversations_tenant_contact_user ON conversations (tenant, channel, contact_user_id);
