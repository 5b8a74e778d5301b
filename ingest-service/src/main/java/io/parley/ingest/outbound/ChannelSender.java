package io.parley.ingest.outbound;

import io.parley.events.conversation.ConversationEvent.MessageOutbound;
import io.parley.events.ids.ConversationId;
import io.parley.ingest.channel.ChannelAccount;

/** One attempt to hand a message to a channel. Network failures are results (retryable), not exceptions. */
public interface ChannelSender {

    SendResult send(ConversationId conversation, ChannelAccount account, MessageOutbound message)
            throws InterruptedException;
}
