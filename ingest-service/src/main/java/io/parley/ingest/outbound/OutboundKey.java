package io.parley.ingest.outbound;

/**
 * The dedupe key of an outbound message. A message id is chosen by whoever wrote the outbound event (an agent's
 * client may name it), so it is only unique within its tenant and conversation (#14 finding 1): another tenant's
 * delivery of "the same" id never stops this one.
 */
public record OutboundKey(String tenant, String conversation, String messageId) {
}
