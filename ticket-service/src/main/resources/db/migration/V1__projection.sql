-- The projection of conversation-events. Every table here but canned_responses and timers is dropped and refilled by
-- a rebuild (see README): nothing in them is the source of truth.

CREATE TABLE processed_events (
    event_id        text PRIMARY KEY,
    conversation_id text NOT NULL
);

CREATE TABLE conversations (
    id                       text PRIMARY KEY,
    tenant                   text NOT NULL,
    channel                  text NOT NULL,
    contact_user_id          text,
    contact_name             text,
    contact_phone            text,
    status                   text NOT NULL,
    mode                     text NOT NULL,
    assignee                 text,
    team                     text,
    queue_position           integer,
    priority                 text NOT NULL,
    language                 text,
    labels                   text NOT NULL,
    ticket_id                text,
    last_customer_message_at timestamptz,
    last_agent_message_at    timestamptz,
    awaiting_reply_since     timestamptz,
    last_activity_at         timestamptz NOT NULL,
    csat_score               integer,
    state                    text NOT NULL
);
CREATE INDEX conversations_tenant_activity ON conversations (tenant, last_activity_at DESC);
CREATE INDEX conversations_tenant_status ON conversations (tenant, status);
CREATE INDEX conversations_tenant_phone ON conversations (tenant, contact_phone);

CREATE TABLE messages (
    id                  text PRIMARY KEY,
    conversation_id     text NOT NULL,
    tenant              text NOT NULL,
    direction           text,
    author_kind         text,
    author_id           text,
    kind                text,
    text                text,
    content             text,
    channel_message_id  text,
    reply_to            text,
    delivery_outcome    text,
    delivery_error      text,
    edited_text         text,
    edited_at           timestamptz,
    deleted             boolean NOT NULL DEFAULT false,
    sent_at             timestamptz
);
CREATE INDEX messages_conversation ON messages (conversation_id, sent_at);
CREATE INDEX messages_channel_message ON messages (conversation_id, channel_message_id);

-- Channel statuses keyed by the channel's message id: they may arrive before the delivery that names it.
CREATE TABLE message_statuses (
    event_id           text PRIMARY KEY,
    conversation_id    text NOT NULL,
    channel_message_id text NOT NULL,
    status             text NOT NULL,
    error              text,
    at                 timestamptz NOT NULL
);
CREATE INDEX message_statuses_conversation ON message_statuses (conversation_id, channel_message_id);

CREATE TABLE notes (
    id              text PRIMARY KEY,
    conversation_id text NOT NULL,
    tenant          text NOT NULL,
    agent_id        text,
    text            text NOT NULL,
    created_at      timestamptz NOT NULL
);
CREATE INDEX notes_conversation ON notes (conversation_id, created_at);

CREATE TABLE tickets (
    id              text PRIMARY KEY,
    conversation_id text NOT NULL,
    tenant          text NOT NULL,
    subject         text,
    priority        text NOT NULL,
    origin          text,
    status          text NOT NULL,
    created_at      timestamptz NOT NULL,
    solved_at       timestamptz
);
CREATE INDEX tickets_tenant_status ON tickets (tenant, status);

CREATE TABLE csat_responses (
    event_id        text PRIMARY KEY,
    conversation_id text NOT NULL,
    tenant          text NOT NULL,
    score           integer NOT NULL,
    comment         text,
    received_at     timestamptz NOT NULL
);

CREATE TABLE suggestions (
    conversation_id        text PRIMARY KEY,
    tenant                 text NOT NULL,
    for_channel_message_id text,
    suggestions            text NOT NULL,
    suggested_at           timestamptz NOT NULL,
    event_id               text NOT NULL
);

-- Operational state, kept across rebuilds.

CREATE TABLE canned_responses (
    id       text PRIMARY KEY,
    tenant   text NOT NULL,
    shortcut text NOT NULL,
    title    text NOT NULL,
    body     text NOT NULL,
    UNIQUE (tenant, shortcut)
);

-- One row per conversation and timer kind. fired_due_at remembers the due time already acted on, so re-planning the
-- same due time (a replay, a duplicate event) never fires twice; lease_until lets one instance claim due rows.
CREATE TABLE timers (
    id              text PRIMARY KEY,
    conversation_id text NOT NULL,
    tenant          text NOT NULL,
    kind            text NOT NULL,
    due_at          timestamptz NOT NULL,
    fired_due_at    timestamptz,
    lease_until     timestamptz,
    payload         text
);
CREATE INDEX timers_due ON timers (due_at);
CREATE INDEX timers_conversation ON timers (conversation_id);
