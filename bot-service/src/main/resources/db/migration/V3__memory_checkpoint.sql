-- How far the bot's saved memory covers each partition of the log (ConversationStore.checkpoint): every conversation of
-- the partition with events before folded_until has its memory in conversation_snapshot as of at least that offset,
-- so a start or a rebalance folds the partition from there instead of from its beginning (ConversationReplay).
create table memory_checkpoint (
    topic           varchar(249) not null,
    kafka_partition integer not null,
    folded_until    bigint not null,
    saved_at        timestamp with time zone not null,
    primary key (topic, kafka_partition)
);
