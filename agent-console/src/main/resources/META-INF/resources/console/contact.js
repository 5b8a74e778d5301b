// The contact panel's and the conversation view's contact rules as pure logic: which contact a conversation is, one
// timeline across the contact's channels, attributes as the agent types them, and who else has the conversation open.

/** The key the API knows a conversation's contact by: the contact's id on the conversation's channel. */
export function contactKey(conversation) {
  const user = conversation && conversation.contact && conversation.contact.channelUserId;
  return user ? conversation.channel + ':' + user : null;
}

/**
 * One timeline per contact across channels: the messages of all the contact's conversations and this conversation's
 * notes, oldest first (ties keep their order). A message of another conversation names its channel (`elsewhere`).
 */
export function contactTimeline({ messages = [], notes = [], conversationId, conversations = [] }) {
  const channelOf = new Map(conversations.map(c => [c.id, c.channel]));
  const items = [
    ...messages.map(message => ({ kind: 'message', at: message.sentAt, message,
      elsewhere: message.conversationId && message.conversationId !== conversationId
        ? channelOf.get(message.conversationId) || message.conversationId.split(':')[0] : null })),
    ...notes.map(note => ({ kind: 'note', at: note.createdAt, note })),
  ];
  return items.map((item, index) => ({ item, index }))
    .sort((a, b) => (Date.parse(a.item.at) || 0) - (Date.parse(b.item.at) || 0) || a.index - b.index)
    .map(({ item }) => item);
}

/** Attributes as the agent edits them: one "name: value" a line. */
export function formatAttributes(attributes = {}) {
  return Object.entries(attributes).map(([name, value]) => name + ': ' + value).join('\n');
}

/** The agent's "name: value" lines back as attributes; a line without a name and a colon is an error naming it. */
export function parseAttributes(text) {
  const attributes = {};
  const errors = [];
  (text || '').split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!name) {
      errors.push({ line: index + 1, text: line.trim() });
      return;
    }
    attributes[name] = line.slice(colon + 1).trim();
  });
  return { attributes, errors };
}

/** The other agents who have the conversation open (the API's viewers, the caller left out), first come first. */
export function otherViewers(viewers = [], me) {
  return viewers.map(viewer => viewer.agentId).filter(agentId => agentId && agentId !== me);
}
