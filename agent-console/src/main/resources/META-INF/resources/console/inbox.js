// The console's conversation lists as pure logic (no DOM, no fetch), so the live merge and the resync are unit-tested:
// one store of conversations keyed by id, filled by a resync (the API's lists) and kept current by the live stream.

/** Statuses an agent still works on; solved and closed conversations leave Mine. */
const WORKING = ['open', 'pending', 'snoozed'];

/** The three lists; each is a question asked of the one store, so their counts can never disagree with it. */
export const VIEWS = {
  mine: (conversation, me) => conversation.assignee === me && WORKING.includes(conversation.status),
  unassigned: conversation => !conversation.assignee && conversation.status === 'open',
  all: () => true,
};

/** What the resync asks the API for: every list's own query, each read to its last page. */
export const RESYNC_QUERIES = ['?assignee=me&limit=200', '?assignee=none&status=open&limit=200', '?limit=200'];

/** At most this many pages of a list are read (200 rows each): the rest of a list that long is reached by search. */
export const MAX_PAGES = 50;

/**
 * Every row of a list: reads `path`, then each page's next link (the API's `Link: <…>; rel="next"`, a cursor after
 * the page's last row) until a page has none. `fetchPage(path)` answers `{ rows, next }`.
 */
export async function readAllPages(fetchPage, path, maxPages = MAX_PAGES) {
  const rows = [];
  let next = path;
  for (let page = 0; next && page < maxPages; page++) {
    const answer = await fetchPage(next);
    rows.push(...answer.rows);
    next = answer.next;
  }
  return rows;
}

/** The rel="next" target of a Link header, or null. */
export function nextLink(header) {
  const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(header || '');
  return match ? match[1] : null;
}

/**
 * A conversation event from the stream applied to a known conversation: the fields it changes, at once, so the list
 * moves before the projection's row is read again. Returns a new object; an event that changes nothing listed
 * returns the same one.
 */
export function applyEvent(conversation, event) {
  const data = event.data || {};
  const at = event.time;
  const touched = { ...conversation, lastActivityAt: later(conversation.lastActivityAt, at) };
  switch (event.type) {
    case 'parley.message.received.v1':
      return { ...touched, lastCustomerMessageAt: later(conversation.lastCustomerMessageAt, data.receivedAt || at),
        // A customer writing wakes a pending, snoozed or solved conversation, as the shared fold does.
        status: ['pending', 'snoozed', 'solved'].includes(conversation.status) ? 'open' : conversation.status };
    case 'parley.message.outbound.v1':
      return data.author && data.author.kind === 'agent'
        ? { ...touched, lastAgentMessageAt: later(conversation.lastAgentMessageAt, at) } : touched;
    case 'parley.conversation.queued.v1':
      return { ...touched, assignee: null, team: data.team || conversation.team, queuePosition: data.position,
        status: 'open' };
    case 'parley.conversation.assigned.v1':
      return { ...touched, assignee: data.agentId || null, team: data.team || conversation.team, queuePosition: null,
        status: conversation.status === 'bot' ? 'open' : conversation.status };
    case 'parley.conversation.transferred.v1': {
      const to = data.to || {};
      return { ...touched, assignee: to.agentId || null, team: to.team || conversation.team, queuePosition: null };
    }
    case 'parley.conversation.status-changed.v1':
      return { ...touched, status: data.status };
    case 'parley.conversation.labeled.v1':
      return { ...conversation, labels: data.labels || [] };
    case 'parley.csat.received.v1':
      return { ...conversation, csatScore: data.score };
    default:
      return conversation;
  }
}

function later(a, b) {
  if (!a) return b || a;
  if (!b) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

/**
 * The store. `resync(lists)` replaces everything with what the API answered (the truth after a reconnect: anything
 * missed while the stream was down is in it), `event(e)` merges one live event and says whether the conversation
 * must be (re)read from the API (a new one, or one whose row the projection may not have caught up with yet),
 * `upsert(row)` takes a freshly read row.
 */
export function createInbox(me) {
  let conversations = new Map();
  let queueOrder = new Map();
  const unread = new Set();
  return {
    resync(lists, queues = []) {
      const fresh = new Map();
      for (const list of lists) {
        for (const conversation of list) fresh.set(conversation.id, conversation);
      }
      conversations = fresh;
      setQueues(queues);
    },
    queues: setQueues,
    event(event) {
      const id = event.subject;
      if (!id || !String(event.type || '').startsWith('parley.')) return { id, reread: false };
      const known = conversations.get(id);
      if (!known) return { id, reread: true, isNew: true };
      const changed = applyEvent(known, event);
      conversations.set(id, changed);
      if (event.type === 'parley.message.received.v1' && changed.assignee === me) unread.add(id);
      return { id, reread: true, isNew: false,
        assignedToMe: changed.assignee === me && known.assignee !== me };
    },
    upsert(conversation) {
      conversations.set(conversation.id, conversation);
    },
    markRead(id) {
      unread.delete(id);
    },
    isUnread: id => unread.has(id),
    get: id => conversations.get(id),
    /** One list: the view's question, then the filters, in queue order for Unassigned, else newest activity first. */
    list(view, filters = {}, now = Date.now()) {
      const rows = [...conversations.values()].filter(c => VIEWS[view](c, me) && matches(c, filters));
      if (view === 'unassigned') {
        return rows.map(c => ({ ...c, waitSeconds: waitSeconds(c, queueOrder.get(c.id), now) }))
          .sort((a, b) => queueRank(a) - queueRank(b) || b.waitSeconds - a.waitSeconds || a.id.localeCompare(b.id));
      }
      return rows.sort((a, b) => (Date.parse(b.lastActivityAt || 0) || 0) - (Date.parse(a.lastActivityAt || 0) || 0)
        || a.id.localeCompare(b.id));
    },
    counts(filters = {}) {
      const counts = {};
      for (const view of Object.keys(VIEWS)) counts[view] = this.list(view, filters).length;
      counts.unread = [...unread].filter(id => VIEWS.mine(conversations.get(id) || {}, me)).length;
      return counts;
    },
  };

  function setQueues(queues) {
    // Routing's queues ({team, entries: [{position, conversationId, waitingSince}]}) are the order people are taken in.
    queueOrder = new Map();
    for (const queue of queues) {
      for (const entry of queue.entries || []) {
        queueOrder.set(entry.conversationId, { team: queue.team, position: entry.position, since: entry.waitingSince });
      }
    }
  }

  function queueRank(conversation) {
    const entry = queueOrder.get(conversation.id);
    return entry ? entry.position : conversation.queuePosition || Number.MAX_SAFE_INTEGER;
  }
}

/** How long the customer has waited for a person: since routing queued them, else since their unanswered message. */
export function waitSeconds(conversation, queueEntry, now = Date.now()) {
  const since = (queueEntry && queueEntry.since) || conversation.awaitingReplySince || conversation.lastCustomerMessageAt;
  return since ? Math.max(0, Math.round((now - Date.parse(since)) / 1000)) : null;
}

/** The list filters: status, team, channel, label (exact), and a search over contact, id and the API's hits. */
export function matches(conversation, { status, team, channel, label, q, searchHits } = {}) {
  if (status && conversation.status !== status) return false;
  if (team && conversation.team !== team) return false;
  if (channel && conversation.channel !== channel) return false;
  if (label && !(conversation.labels || []).includes(label)) return false;
  if (q) {
    const needle = q.toLowerCase();
    const contact = conversation.contact || {};
    const haystack = [conversation.id, contact.name, contact.phone, contact.channelUserId].filter(Boolean)
      .join(' ').toLowerCase();
    // Message text is searched by the API (?q=); the ids it found come as searchHits.
    if (!haystack.includes(needle) && !(searchHits && searchHits.has(conversation.id))) return false;
  }
  return true;
}
