-- The memory of conversations the bot evicted after they went idle (ConversationStore): read back when one returns,
-- so the bot's memory holds the active conversations only. One JSON document (ConversationMemory) per conversation.
create table conversation_snapshot (
    conversation_id varchar(512) primary key,
    memory          text not null,
    saved_at        timestamp with time zone not null
);
