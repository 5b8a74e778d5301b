// The web widget's conversation state, pure so node:test can check it: history and live updates merge by message id,
// a resync after a dropped stream keeps what only this tab knows (messages still being sent), statuses never go back.

const STATUS_ORDER = ['sending', 'failed', 'sent', 'delivered', 'read'];

export function emptyConversation() {
  return { messages: [], handoff: null, ticket: false, csatPending: false };
}

function laterStatus(a, b) {
  if (!a) return b;
  if (!b) return a;
  return STATUS_ORDER.indexOf(b) > STATUS_ORDER.indexOf(a) ? b : a;
}

function byTime(a, b) {
  if (a.at && b.at && a.at !== b.at) return a.at < b.at ? -1 : 1;
  return 0;
}

/** Adds or updates one message by id: the server's copy wins over the tab's, a status only moves forward. */
export function mergeMessage(messages, message) {
  const index = messages.findIndex(m => m.id === message.id);
  if (index < 0) {
    return [...messages, message].sort(byTime);
  }
  const merged = { ...messages[index], ...message, status: laterStatus(messages[index].status, message.status) };
  if (message.status === 'failed' && messages[index].status === 'sending') merged.status = 'failed';
  const next = messages.slice();
  next[index] = merged;
  return next.sort(byTime);
}

/** One live update from the stream (message, delivery, handoff, ticket, csat); unknown types change nothing. */
export function applyUpdate(conversation, update) {
  switch (update && update.type) {
    case 'message':
      return { ...conversation, messages: mergeMessage(conversation.messages, update.message) };
    case 'delivery': {
      const known = conversation.messages.find(m => m.id === update.id);
      return known ? { ...conversation, messages: mergeMessage(conversation.messages, { id: update.id, status: update.status }) }
        : conversation;
    }
    case 'handoff':
      return { ...conversation, handoff: conversation.handoff === 'assigned' ? 'assigned' : update.state };
    case 'ticket':
      return { ...conversation, ticket: true };
    case 'csat':
      return { ...conversation, csatPending: !!update.pending };
    default:
      return conversation;
  }
}

/**
 * After a (re)connection: the history is the truth for everything the server has; messages the tab is still sending
 * (or failed to send) are kept, so nothing the visitor typed disappears.
 */
export function resync(conversation, history) {
  let messages = history.messages || [];
  for (const local of conversation.messages) {
    if ((local.status === 'sending' || local.status === 'failed') && !messages.some(m => m.id === local.id)) {
      messages = mergeMessage(messages, local);
    } else if (messages.some(m => m.id === local.id)) {
      messages = mergeMessage(messages, { id: local.id, status: local.status });
    }
  }
  return {
    messages,
    handoff: history.handoff || null,
    ticket: !!history.ticket,
    csatPending: !!history.csatPending,
  };
}

/** A visitor's message counts as read once the bot or a person has written after it. */
export function withReadMarks(messages) {
  let lastAnswer = -1;
  messages.forEach((m, i) => { if (m.from !== 'visitor') lastAnswer = i; });
  return messages.map((m, i) => (m.from === 'visitor' && i < lastAnswer && (m.status === 'sent' || m.status === 'delivered')
    ? { ...m, status: 'read' } : m));
}

/**
 * What to ask the sessions endpoint, and where to keep the token: a signed-in user (userId with the userHash the
 * business's server computed) has a token of their own, never an anonymous visitor's; an anonymous visitor continues
 * with the token this browser kept (reload, second tab).
 */
export function sessionRequest(channelId, identity, storage) {
  if (identity && identity.userId) {
    const key = 'parley.widget.' + channelId + '.user.' + identity.userId;
    return { storageKey: key, body: { userId: identity.userId, userHash: identity.userHash || null } };
  }
  const key = 'parley.widget.' + channelId + '.anonymous';
  const stored = storage && storage.getItem(key);
  return { storageKey: key, body: stored ? { token: stored } : {} };
}

/** The id of a message the widget sends: the visitor's id, a dot, something unique, so a retry is deduplicated. */
export function newMessageId(visitor, random = () => Math.random().toString(36).slice(2, 12) + Date.now().toString(36)) {
  return visitor + '.' + random().replace(/[^A-Za-z0-9_-]/g, '').slice(0, 60);
}
