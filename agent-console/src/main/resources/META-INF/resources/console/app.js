// The agent console: lists, the conversation, the reply box, presence and the live stream, over the public gateway
// API only (the same calls anyone could make with curl). Every customer or agent text goes through el(), as text.
import { signIn, claimsOf, api as apiClient, liveStream, el, formatSeconds, translator } from '../ui/parley.js';
import { createInbox, RESYNC_QUERIES, readAllPages, nextLink } from './inbox.js';
import { contactKey, contactTimeline, formatAttributes, parseAttributes, otherViewers } from './contact.js';
import { replyWindow, cannedQuery, cannedMatches, unfilledPlaceholders, firstPlaceholderRange, outgoing } from './reply.js';
import { TEXTS } from './texts.js';
import { renderAdmin } from './admin.js';

const t = translator(TEXTS);
/** How often an open conversation is beaten for (the API forgets a viewer 45 s after the last heartbeat). */
const VIEWER_HEARTBEAT_MS = 15000;
document.documentElement.lang = t.language;

/** The API's base URL: config.js (static deployments), else a <meta name="parley-api-base">, else this origin. */
const API_BASE = String(globalThis.parleyConsoleConfig?.apiBase
  ?? document.querySelector('meta[name="parley-api-base"]')?.content ?? '').replace(/\/$/, '');

const $ = id => document.getElementById(id);
const token = signIn();
const claims = token && claimsOf(token);

if (!claims || (claims.expiresAt && claims.expiresAt * 1000 < Date.now())) {
  showSignIn(claims ? t('expired') : null);
} else {
  start();
}

function showSignIn(message) {
  $('app').replaceChildren(el('main', { class: 'sign-in' },
    el('h1', {}, t('signInTitle')),
    message ? el('p', { class: 'notice error', role: 'alert' }, message) : null,
    el('p', {}, t('signInHelp')),
    el('form', { onsubmit: event => {
      event.preventDefault();
      sessionStorage.setItem('parley.token', $('token-input').value.trim());
      location.reload();
    } },
    el('label', { for: 'token-input' }, t('token')),
    el('textarea', { id: 'token-input', rows: 4, required: true }),
    el('button', { type: 'submit' }, t('signIn')))));
}

function start() {
  const me = claims.agent;
  const isAdmin = (claims.groups || []).includes('admin');
  const api = { ...apiClient(API_BASE, token), raw: rawSend };
  const inbox = createInbox(me);
  const state = { view: 'mine', filters: {}, openId: null, canned: [], cannedIndex: 0, noteMode: false, teams: [],
    agents: [], conversation: null, profile: null, viewing: null, viewers: [] };
  const rereads = new Map();

  document.title = t('title');
  $('app').replaceChildren(layout());
  bindKeys();
  renderList();
  const stream = connect();
  route();
  window.addEventListener('hashchange', route);
  setInterval(renderList, 15000); // waits keep growing while nobody writes
  setInterval(() => { if (state.viewing) beat(state.viewing); }, VIEWER_HEARTBEAT_MS);
  // A closed tab says so, so that others' hint goes at once rather than when the heartbeats time out.
  window.addEventListener('pagehide', () => { if (state.viewing) leave(state.viewing, true); });

  // ---- layout ----
  function layout() {
    return el('div', { class: 'console' },
      el('header', { class: 'top' },
        el('h1', {}, t('title')),
        el('span', { class: 'muted', id: 'who' }, claims.agent + ' · ' + claims.tenant),
        el('label', { for: 'presence' }, t('presence')),
        el('select', { id: 'presence', onchange: event => setPresence(event.target.value) },
          ['online', 'away', 'offline'].map(p => el('option', { value: p }, t('presence.' + p)))),
        el('span', { id: 'load', class: 'muted' }),
        el('span', { id: 'stream-status', class: 'status', role: 'status' }, t('reconnecting')),
        el('button', { id: 'notify', type: 'button', onclick: enableNotifications }, t('enableNotifications')),
        el('nav', { 'aria-label': t('admin') },
          el('a', { href: '#/', id: 'inbox-link' }, t('inbox')),
          isAdmin ? el('a', { href: '#/admin/agents', id: 'admin-link' }, t('admin')) : null),
        el('button', { type: 'button', onclick: () => { sessionStorage.removeItem('parley.token'); location.hash = ''; location.reload(); } },
          t('signOut'))),
      el('p', { id: 'flash', class: 'notice', role: 'alert', hidden: true }),
      el('div', { id: 'inbox', class: 'inbox' },
        el('nav', { class: 'lists', 'aria-label': t('lists') },
          el('div', { role: 'tablist', class: 'tabs' },
            ['mine', 'unassigned', 'all'].map(view => el('button', { type: 'button', role: 'tab', 'data-view': view,
              id: 'tab-' + view, onclick: () => { state.view = view; renderList(); } },
            t(view), ' ', el('span', { class: 'count' }, '0'), el('span', { class: 'badge', hidden: true })))),
          filters(),
          el('ul', { id: 'conversation-list', 'aria-label': t('lists') })),
        el('section', { id: 'conversation', 'aria-label': t('reply') }, el('p', { class: 'muted' }, t('pick'))),
        el('aside', { id: 'contact', 'aria-label': t('contact') })),
      el('section', { id: 'admin', hidden: true }),
      el('footer', { class: 'muted' }, t('shortcuts')));
  }

  function filters() {
    const select = (name, options) => el('label', {}, t(name), ' ', el('select', { id: 'filter-' + name,
      onchange: event => { state.filters[name] = event.target.value || undefined; renderList(); } },
    el('option', { value: '' }, t('any')), options.map(o => el('option', { value: o.value }, o.label))));
    let searchTimer = null;
    return el('div', { class: 'filters' },
      el('label', {}, t('search'), ' ', el('input', { id: 'filter-q', type: 'search', oninput: event => {
        clearTimeout(searchTimer);
        searchTimer = setTimeout(() => search(event.target.value.trim()), 300);
      } })),
      select('status', ['open', 'pending', 'snoozed', 'solved', 'closed', 'bot'].map(s => ({ value: s, label: t('status.' + s) }))),
      el('span', { id: 'team-filter' }, select('team', [])),
      select('channel', ['whatsapp', 'messenger', 'instagram', 'api', 'web'].map(c => ({ value: c, label: c }))),
      el('label', {}, t('label'), ' ', el('input', { id: 'filter-label', onchange: event => {
        state.filters.label = event.target.value.trim() || undefined; renderList();
      } })));
  }

  async function search(q) {
    if (!q) {
      state.filters.q = undefined;
      state.filters.searchHits = undefined;
      renderList();
      return;
    }
    const hits = await attempt('search', () => readAllPages(getPage, '/api/v1/conversations?limit=200&q='
      + encodeURIComponent(q)));
    if (!hits) return;
    hits.forEach(row => inbox.upsert(row));
    state.filters.q = q;
    state.filters.searchHits = new Set(hits.map(row => row.id));
    renderList();
  }

  // ---- live stream, resync ----
  function connect() {
    // A test hook and a debugging aid: cut() drops the stream and keeps it down until restore(), as a network would.
    let cut = false;
    let current = null;
    const fetchFn = (url, options) => {
      if (cut) return Promise.reject(new Error('stream cut on purpose'));
      current = new AbortController();
      options.signal.addEventListener('abort', () => current.abort());
      return fetch(url, { ...options, signal: current.signal });
    };
    const live = liveStream({ url: API_BASE + '/api/v1/stream', token, fetchFn, resync, maxDelayMs: 2000,
      onStatus: status => {
        $('stream-status').className = 'status ' + status;
        $('stream-status').textContent = t(status === 'live' ? 'live' : 'reconnecting');
      },
      onEvent: (name, data) => {
        try {
          onLiveEvent(JSON.parse(data));
        } catch (e) {
          console.warn('Skipped a live event the console cannot read', e);
        }
      } });
    window.parleyConsole = {
      cutStream() { cut = true; current?.abort(); },
      restoreStream() { cut = false; },
      resyncs: 0,
      pendingRereads: 0,
      notifications: [],
    };
    return live;
  }

  /** Everything the console shows, read again: what happened while the stream was down is in these answers. */
  async function resync() {
    const [lists, queues] = await Promise.all([
      Promise.all(RESYNC_QUERIES.map(query => readAllPages(getPage, '/api/v1/conversations' + query))),
      readQueues(),
    ]);
    inbox.resync(lists, queues);
    window.parleyConsole.resyncs++;
    renderList();
    refreshMe();
    if (state.openId) openConversation(state.openId);
  }

  async function readQueues() {
    try {
      if (!state.teams.length) {
        state.teams = await api.get('/api/v1/admin/teams');
        renderTeamFilter();
      }
      return await Promise.all(state.teams.map(async team => ({ team: team.id,
        entries: await api.get('/api/v1/routing/' + encodeURIComponent(claims.tenant) + '/queues/'
          + encodeURIComponent(team.id)).catch(() => []) })));
    } catch (e) {
      return []; // no teams yet, or routing does not know this tenant yet: queue order falls back to positions
    }
  }

  function onLiveEvent(event) {
    if (event.type === 'parley.stream.viewers') {
      if (event.subject === state.openId) showViewers((event.data && event.data.viewers) || []);
      return;
    }
    if (event.type && event.type.startsWith('parley.agent.')) {
      if (event.subject === me) refreshMe();
      return;
    }
    const result = inbox.event(event);
    if (!result.id) return;
    if (result.assignedToMe) notify(t('newAssignment'), result.id);
    if (event.type === 'parley.message.received.v1') {
      const conversation = inbox.get(result.id);
      if (conversation && conversation.assignee === me && (state.openId !== result.id || document.hidden)) {
        notify(t('newMessage', { name: (conversation.contact && conversation.contact.name) || result.id }), result.id);
      }
    }
    if (['parley.conversation.queued.v1', 'parley.conversation.assigned.v1',
      'parley.conversation.transferred.v1'].includes(event.type)) {
      readQueues().then(queues => { inbox.queues(queues); renderList(); });
      // The load is counted in the projection, which may not have this event yet: count again a little later.
      refreshMe();
      setTimeout(refreshMe, 1500);
    }
    renderList();
    scheduleReread(result.id);
  }

  /**
   * The stream can bring an event before the projection has written it (they are separate consumers of the log), so
   * a conversation is read again shortly after its event and once more a little later; the last read wins.
   */
  function scheduleReread(id) {
    clearTimeout(rereads.get(id));
    const reread = async last => {
      try {
        inbox.upsert(await api.get('/api/v1/conversations/' + encodeURIComponent(id)));
        renderList();
        if (state.openId === id) await openConversation(id);
      } catch (e) {
        if (e.status !== 404) console.warn('Could not read ' + id + ' again', e);
      } finally {
        if (last && rereads.get(id) === lastTimer) {
          rereads.delete(id);
          window.parleyConsole.pendingRereads = rereads.size;
        }
      }
    };
    setTimeout(() => reread(false), 250);
    const lastTimer = setTimeout(() => reread(true), 1500);
    rereads.set(id, lastTimer);
    window.parleyConsole.pendingRereads = rereads.size;
  }

  // ---- lists ----
  function renderList() {
    const counts = inbox.counts(state.filters);
    for (const view of ['mine', 'unassigned', 'all']) {
      const tab = $('tab-' + view);
      tab.querySelector('.count').textContent = counts[view];
      tab.setAttribute('aria-selected', String(state.view === view));
    }
    const badge = $('tab-mine').querySelector('.badge');
    badge.hidden = counts.unread === 0;
    badge.textContent = counts.unread;
    badge.setAttribute('aria-label', t('unread', { n: counts.unread }));
    document.title = (counts.unread ? '(' + counts.unread + ') ' : '') + t('title');
    const rows = inbox.list(state.view, state.filters);
    $('conversation-list').replaceChildren(...(rows.length ? rows.map(listItem)
      : [el('li', { class: 'muted empty' }, t('empty'))]));
  }

  function listItem(c) {
    const contact = c.contact || {};
    return el('li', { 'data-id': c.id, class: [c.id === state.openId ? 'current' : '', inbox.isUnread(c.id) ? 'unread' : ''].join(' ') },
      el('a', { href: '#/c/' + encodeURIComponent(c.id), 'aria-current': c.id === state.openId ? 'true' : null },
        el('strong', {}, contact.name || contact.channelUserId || c.id),
        inbox.isUnread(c.id) ? el('span', { class: 'badge', 'aria-label': t('unread', { n: 1 }) }, '•') : null,
        el('span', { class: 'meta' }, c.channel, ' · ', t('status.' + c.status), c.team ? ' · ' + c.team : '',
          c.assignee ? ' · ' + c.assignee : ''),
        state.view === 'unassigned' ? el('span', { class: 'wait' }, t('waited', { wait: formatSeconds(c.waitSeconds) }))
          : null,
        (c.labels || []).length ? el('span', { class: 'labels' }, c.labels.join(', ')) : null));
  }

  function renderTeamFilter() {
    const select = $('filter-team');
    const current = select.value;
    select.replaceChildren(el('option', { value: '' }, t('any')),
      ...state.teams.map(team => el('option', { value: team.id }, team.name || team.id)));
    select.value = current;
  }

  // ---- routing (hash) ----
  function route() {
    const hash = location.hash.replace(/^#/, '');
    const admin = hash.startsWith('/admin');
    $('inbox').hidden = admin;
    $('admin').hidden = !admin;
    if (admin) {
      renderAdmin($('admin'), { api, t, tenant: claims.tenant, isAdmin, section: hash.split('/')[2] || 'agents' });
      return;
    }
    const match = /^\/c\/(.+)$/.exec(hash);
    if (match) openConversation(decodeURIComponent(match[1]));
  }

  // ---- the conversation ----
  async function openConversation(id) {
    const switching = state.openId !== id;
    state.openId = id;
    if (switching) watch(id);
    inbox.markRead(id);
    renderList();
    let conversation, messages, notes, suggestions;
    try {
      [conversation, messages, notes, suggestions] = await Promise.all([
        api.get('/api/v1/conversations/' + encodeURIComponent(id)),
        api.get('/api/v1/conversations/' + encodeURIComponent(id) + '/messages'),
        api.get('/api/v1/conversations/' + encodeURIComponent(id) + '/notes'),
        api.get('/api/v1/conversations/' + encodeURIComponent(id) + '/suggestions'),
      ]);
    } catch (e) {
      if (state.openId !== id) return;
      $('conversation').replaceChildren(el('p', { class: 'notice error', role: 'alert', id: 'conversation-error' },
        e.status === 404 ? t('notFound') : t('failed', { what: id, why: e.message })));
      $('contact').replaceChildren();
      return;
    }
    if (state.openId !== id) return;
    const contact = await readContact(conversation);
    if (state.openId !== id) return;
    inbox.upsert(conversation);
    state.conversation = conversation;
    const root = $('conversation');
    if (switching || !$('reply-form')) {
      state.noteMode = false;
      root.replaceChildren(el('header', { id: 'conversation-header' }), el('p', { id: 'viewers' }),
        el('section', { id: 'handoff' }), el('ol', { id: 'timeline' }), el('section', { id: 'suggestions' }), replyBox());
      showViewers(state.viewers);
    }
    // Only the parts whose content changed are replaced, so what the agent is typing (reply, transfer note, labels)
    // keeps its text and focus while live updates arrive.
    section('conversation-header', [conversation.id, conversation.status, conversation.assignee, conversation.team,
      conversation.labels, conversation.priority, conversation.ticketId, state.agents.length, state.teams.length],
    () => conversationHeader(conversation));
    section('handoff', [conversation.handoff, messages.length], () => handoffBox(conversation.handoff, messages));
    // One timeline per contact: their messages on every channel, this conversation's notes.
    const items = contactTimeline({ messages: contact ? contact.messages : messages, notes, conversationId: id,
      conversations: contact ? contact.conversations : [conversation] });
    if (section('timeline', items, () => el('ol', { id: 'timeline', 'aria-live': 'polite',
      'aria-label': t('timeline') }, ...items.map(timelineItem)))) {
      $('timeline').scrollTop = $('timeline').scrollHeight; // the newest message, inside the timeline's own scroll
    }
    section('suggestions', [suggestions], () => suggestionBox(suggestions));
    section('window-notice', [replyWindow(conversation)], () => windowNotice(conversation));
    renderContact(conversation, contact);
    renderList();
  }

  /** The conversation's contact with all their conversations and messages, or null (no channel id, or unreadable). */
  async function readContact(conversation) {
    const key = contactKey(conversation);
    if (!key) return null;
    const base = '/api/v1/contacts/' + encodeURIComponent(key);
    try {
      const [contact, conversations, messages] = await Promise.all([api.get(base), api.get(base + '/conversations'),
        api.get(base + '/messages')]);
      return { key, contact, conversations, messages };
    } catch (e) {
      if (e.status !== 404) console.warn('Could not read the contact ' + key, e);
      return null;
    }
  }

  // ---- who else has it open ----
  /** Says which conversation this console has open: the old one is closed, the new one beaten for at once. */
  function watch(id) {
    if (state.viewing && state.viewing !== id) leave(state.viewing, false);
    state.viewing = id;
    state.viewers = [];
    beat(id);
  }

  async function beat(id) {
    const viewers = await api.put(path(id, 'viewers/me')).catch(() => null);
    if (viewers && state.openId === id) showViewers(viewers);
  }

  function leave(id, unloading) {
    fetch(API_BASE + path(id, 'viewers/me'), { method: 'DELETE', keepalive: unloading,
      headers: { Authorization: 'Bearer ' + token } }).catch(() => {});
  }

  function showViewers(viewers) {
    state.viewers = viewers;
    const others = otherViewers(viewers, me);
    section('viewers', others, () => others.length
      ? el('p', { id: 'viewers', class: 'notice viewers', role: 'status' }, t('otherViewers', { names: others.join(', ') }))
      : el('p', { id: 'viewers', hidden: true }));
  }

  /** Replaces the element with this id by build()'s, unless what it shows (key) is unchanged; says if it did. */
  function section(id, key, build) {
    const current = $(id);
    const signature = JSON.stringify(key);
    if (!current || current.dataset.key === signature) return false;
    const fresh = build() || el('section', { id, hidden: true });
    fresh.id = id;
    fresh.dataset.key = signature;
    current.replaceWith(fresh);
    return true;
  }

  function conversationHeader(c) {
    const contact = c.contact || {};
    const transferOptions = [
      ...state.agents.filter(a => a.id !== me && a.active !== false).map(a => el('option', { value: 'agent:' + a.id },
        (a.displayName || a.id) + ' (' + a.id + ')')),
      ...state.teams.map(team => el('option', { value: 'team:' + team.id }, t('team') + ': ' + (team.name || team.id)))];
    if (!state.agents.length) loadAgents();
    return el('header', { class: 'conversation-header' },
      el('h2', { id: 'conversation-title' }, contact.name || contact.channelUserId || c.id),
      el('p', { class: 'meta' },
        el('span', { id: 'conversation-status', 'data-status': c.status }, t('status.' + c.status)), ' · ', c.channel,
        ' · ', t('assignee'), ': ', el('span', { id: 'conversation-assignee' }, c.assignee || t('nobody')),
        c.team ? ' · ' + t('team') + ': ' + c.team : '', c.priority ? ' · ' + t('priority') + ': ' + c.priority : '',
        c.ticketId ? ' · ' + t('ticket') + ': ' + c.ticketId : ''),
      el('div', { class: 'actions' },
        c.assignee !== me ? el('button', { id: 'assign-me', type: 'button', onclick: () => act('assign', () =>
          api.post(path(c.id, 'assign'), { agentId: me, team: c.team || undefined })) }, t('assignMe')) : null,
        ['solved', 'closed'].includes(c.status)
          ? el('button', { id: 'reopen', type: 'button', onclick: () => setStatus(c.id, 'open') }, t('reopen'))
          : el('button', { id: 'resolve', type: 'button', onclick: () => setStatus(c.id, 'solved') }, t('resolve')),
        c.status !== 'pending' ? el('button', { id: 'pending', type: 'button', onclick: () => setStatus(c.id, 'pending') },
          t('pending')) : null,
        el('label', { for: 'snooze-until' }, t('snoozeUntil')),
        el('input', { id: 'snooze-until', type: 'datetime-local' }),
        el('button', { id: 'snooze', type: 'button', onclick: () => {
          const value = $('snooze-until').value;
          if (!value) return flash(t('failed', { what: t('snooze'), why: t('snoozeUntil') + '?' }), true);
          act('snooze', () => api.post(path(c.id, 'status'), { status: 'snoozed', until: new Date(value).toISOString() }));
        } }, t('snooze'))),
      el('form', { class: 'actions', onsubmit: event => { event.preventDefault(); transfer(c); } },
        el('label', { for: 'transfer-to' }, t('transferTo')),
        el('select', { id: 'transfer-to', required: true }, el('option', { value: '' }, '—'), ...transferOptions),
        el('label', { for: 'transfer-note' }, t('transferNote')),
        el('input', { id: 'transfer-note' }),
        el('button', { id: 'transfer', type: 'submit' }, t('transfer'))),
      el('form', { class: 'actions', onsubmit: event => {
        event.preventDefault();
        const labels = $('labels').value.split(',').map(l => l.trim()).filter(Boolean);
        act('labels', () => api.put(path(c.id, 'labels'), { labels }));
      } },
      el('label', { for: 'labels' }, t('labels')),
      el('input', { id: 'labels', value: (c.labels || []).join(', ') }),
      el('button', { type: 'submit', id: 'save-labels' }, t('saveLabels'))));
  }

  async function loadAgents() {
    const agents = await api.get('/api/v1/admin/agents').catch(() => null);
    if (agents && agents.length) {
      state.agents = agents;
      if (state.openId) openConversation(state.openId);
    }
  }

  async function transfer(c) {
    const target = $('transfer-to').value;
    if (!target) return;
    const [kind, id] = [target.slice(0, target.indexOf(':')), target.slice(target.indexOf(':') + 1)];
    const note = $('transfer-note').value.trim();
    const body = kind === 'agent' ? { agentId: id, team: c.team || undefined, reason: note || undefined }
      : { team: id, reason: note || undefined };
    const done = await act('transfer', () => api.post(path(c.id, 'assign'), body));
    // The reason travels with the transfer event; as a note it is in the timeline for whoever takes over.
    if (done && note) await act('note', () => api.post(path(c.id, 'notes'), { text: '→ ' + id + ': ' + note }));
    if (done) flash(t('transferred', { to: id }));
  }

  function setStatus(id, status) {
    return act('status', () => api.post(path(id, 'status'), { status }));
  }

  function handoffBox(handoff, messages) {
    if (!handoff) return null;
    const botLines = messages.filter(m => m.authorKind === 'bot' || m.direction === 'inbound')
      .filter(m => !handoff.requestedAt || Date.parse(m.sentAt) <= Date.parse(handoff.requestedAt) + 1000);
    return el('section', { id: 'handoff', class: 'handoff', 'aria-label': t('handoff') },
      el('h3', {}, t('handoff')),
      el('p', {}, el('strong', {}, t('reason') + ': '), handoff.reason || '–'),
      handoff.summary ? el('p', {}, el('strong', {}, t('summary') + ': '), handoff.summary) : null,
      botLines.length ? el('details', {}, el('summary', {}, t('botTranscript')),
        el('ol', {}, botLines.map(m => el('li', {}, authorOf(m) + ': ', m.text || '[' + m.kind + ']')))) : null);
  }

  function timelineItem(item) {
    if (item.kind === 'note') {
      const n = item.note;
      return el('li', { class: 'note', 'data-note-id': n.id },
        el('span', { class: 'who' }, t('note', { id: n.agentId })), el('p', {}, n.text), time(n.createdAt));
    }
    return messageItem(item.message, item.elsewhere);
  }

  /** A message; one of the contact's other conversations says on which channel, and links to it. */
  function messageItem(m, elsewhere) {
    const outbound = m.direction !== 'inbound';
    const delivery = outbound && m.authorKind !== 'system' ? (m.status || 'pending') : null;
    return el('li', { class: 'message ' + (outbound ? 'out ' : 'in ') + (m.authorKind || '') + (elsewhere ? ' elsewhere' : ''),
      'data-message-id': m.id, 'data-conversation-id': m.conversationId },
      elsewhere ? el('a', { class: 'channel-tag', href: '#/c/' + encodeURIComponent(m.conversationId) },
        t('onChannel', { channel: elsewhere })) : null,
      el('span', { class: 'who' }, authorOf(m)),
      el('p', {}, m.deleted ? '—' : m.text || describe(m)),
      time(m.sentAt),
      delivery ? el('span', { class: 'delivery ' + delivery, 'data-delivery': delivery }, t('delivery.' + delivery)) : null,
      m.error ? el('span', { class: 'delivery-error', role: 'note' }, m.error) : null);
  }

  function describe(m) {
    const content = m.content || {};
    const template = content.template && content.template.name;
    return '[' + (m.kind || content.kind) + '] ' + (template || content.caption || content.filename || content.url || content.name || '');
  }

  function authorOf(m) {
    if (m.direction === 'inbound') return t('author.customer');
    return m.authorKind === 'agent' ? t('author.agent', { id: m.authorId }) : t('author.' + (m.authorKind || 'system'));
  }

  function time(at) {
    return at ? el('time', { datetime: at }, new Date(at).toLocaleString(t.language)) : null;
  }

  function suggestionBox(suggestions) {
    const list = (suggestions && suggestions.suggestions) || [];
    return el('section', { id: 'suggestions', 'aria-label': t('suggestions') },
      el('h3', {}, t('suggestions')),
      list.length ? el('ul', {}, list.map(s => el('li', {},
        el('button', { type: 'button', class: 'suggestion', onclick: () => {
          setNoteMode(false);
          $('reply').value = s.text;
          $('reply').focus();
        } }, t('insert')), ' ', el('span', {}, s.text), el('span', { class: 'muted' }, ' ' + Math.round(s.confidence * 100) + ' %'))))
        : el('p', { class: 'muted' }, t('noSuggestions')));
  }

  // ---- reply box ----
  /** The reply box is built once per conversation and kept; it reads the open conversation when it sends. */
  function replyBox() {
    return el('form', { id: 'reply-form', class: 'reply', onsubmit: event => { event.preventDefault(); send(state.conversation); } },
      el('div', { id: 'window-notice' }),
      el('label', { for: 'reply' }, t('reply')),
      el('textarea', { id: 'reply', rows: 3, 'aria-describedby': 'reply-help', 'aria-autocomplete': 'list',
        'aria-controls': 'canned-options', oninput: () => showCanned(), onkeydown: cannedKeys }),
      el('ul', { id: 'canned-options', role: 'listbox', 'aria-label': t('cannedResponses'), hidden: true }),
      el('p', { id: 'reply-help', class: 'muted' }, t('replyHelp')),
      el('p', { id: 'unfilled', class: 'notice', hidden: true }),
      el('label', {}, el('input', { id: 'note-mode', type: 'checkbox', onchange: event => setNoteMode(event.target.checked) }),
        ' ', t('noteMode')),
      el('button', { id: 'send', type: 'submit' }, state.noteMode ? t('addNote') : t('send')));
  }

  /** Outside WhatsApp's 24-hour window: say so before the agent types, and offer the template route. */
  function windowNotice(c) {
    const window = replyWindow(c);
    if (window.open) return el('div', {});
    return el('div', {},
      el('p', { id: 'window-closed', class: 'notice error', role: 'alert' },
        t('reply.windowClosed', { at: window.closedAt ? new Date(window.closedAt).toLocaleString(t.language) : '–' })),
      el('fieldset', { id: 'template' },
        el('legend', {}, t('sendTemplate')),
        el('label', { for: 'template-name' }, t('templateName')), el('input', { id: 'template-name' }),
        el('label', { for: 'template-language' }, t('templateLanguage')),
        el('input', { id: 'template-language', value: c.language || 'en' }),
        el('button', { type: 'button', onclick: async () => {
          const sent = await act('template', () => api.post(path(c.id, 'messages'), { messageId: newMessageId(),
            template: { name: $('template-name').value.trim(), language: $('template-language').value.trim(), parameters: [] } }));
          if (sent) $('template-name').value = ''; // sent once: a second click must be a decision, not a leftover
        } },
        t('sendTemplate'))));
  }

  function setNoteMode(on) {
    state.noteMode = on;
    const box = $('reply');
    if (!box) return;
    $('note-mode').checked = on;
    box.classList.toggle('note', on);
    $('send').textContent = on ? t('addNote') : t('send');
  }

  async function send(c) {
    const what = outgoing($('reply').value, { noteMode: state.noteMode, window: replyWindow(c) });
    if (what.error) return flash(t(what.error, { at: replyWindow(c).closedAt || '–' }), true);
    const done = what.note ? await act('note', () => api.post(path(c.id, 'notes'), what.note))
      : await act('reply', () => api.post(path(c.id, 'messages'), { ...what.reply, messageId: newMessageId() }));
    if (done) {
      $('reply').value = '';
      $('unfilled').hidden = true;
      openConversation(c.id);
    }
  }

  async function showCanned() {
    const list = $('canned-options');
    if (cannedQuery($('reply').value) === null) {
      list.hidden = true;
      return;
    }
    if (!state.canned.length) state.canned = await api.get('/api/v1/canned-responses').catch(() => []);
    // Read the box again: the agent kept typing while the responses loaded.
    const query = cannedQuery($('reply').value);
    if (query === null) return;
    const found = cannedMatches(state.canned, query);
    state.cannedIndex = 0;
    list.hidden = false;
    list.replaceChildren(...(found.length ? found.map((r, i) => el('li', { role: 'option', id: 'canned-' + r.id,
      'data-shortcut': r.shortcut, 'aria-selected': String(i === 0), onmousedown: event => { event.preventDefault(); pickCanned(r); } },
    el('strong', {}, '/' + r.shortcut), ' ', r.title, el('span', { class: 'muted' }, ' ' + r.body)))
      : [el('li', { class: 'muted' }, t('noCanned', { q: query }))]));
    state.cannedFound = found;
  }

  function cannedKeys(event) {
    const list = $('canned-options');
    if (list.hidden || !state.cannedFound || !state.cannedFound.length) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const n = state.cannedFound.length;
      state.cannedIndex = (state.cannedIndex + (event.key === 'ArrowDown' ? 1 : n - 1)) % n;
      [...list.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === state.cannedIndex)));
      $('reply').setAttribute('aria-activedescendant', list.children[state.cannedIndex].id);
    } else if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      pickCanned(state.cannedFound[state.cannedIndex]);
    } else if (event.key === 'Escape') {
      list.hidden = true;
    }
  }

  /** The server fills the placeholders it knows for this conversation; what it cannot fill is selected for the agent. */
  async function pickCanned(response) {
    $('canned-options').hidden = true;
    const rendered = await attempt('canned', () => api.post('/api/v1/canned-responses/' + encodeURIComponent(response.id)
      + '/render', { conversationId: state.openId }));
    if (!rendered) return;
    const box = $('reply');
    box.value = rendered.text;
    box.focus();
    const left = unfilledPlaceholders(rendered.text);
    $('unfilled').hidden = left.length === 0;
    $('unfilled').textContent = t('unfilled', { names: left.join(', ') });
    const range = firstPlaceholderRange(rendered.text);
    if (range) box.setSelectionRange(range.start, range.end);
  }

  // ---- contact panel ----
  /**
   * Name, channel ids, phone, attributes and the contact's other conversations on every channel. Rebuilt only when
   * what it shows changed, so an agent editing the attributes keeps their text while live updates arrive.
   */
  function renderContact(c, found) {
    const contact = (found && found.contact) || { name: c.contact && c.contact.name, phone: c.contact && c.contact.phone,
      identities: c.contact && c.contact.channelUserId ? [{ channel: c.channel, channelUserId: c.contact.channelUserId,
        key: c.channel + ':' + c.contact.channelUserId }] : [], attributes: {} };
    const previous = ((found && found.conversations) || []).filter(p => p.id !== c.id);
    if (!$('contact-body')) $('contact').replaceChildren(el('div', { id: 'contact-body' }));
    section('contact-body', [c.id, contact, previous.map(p => [p.id, p.status, p.channel]), c.csatScore, c.language],
      () => contactPanel(c, contact, previous, found && found.key));
  }

  function contactPanel(c, contact, previous, key) {
    const field = (label, value) => value ? [el('dt', {}, label), el('dd', {}, value)] : [];
    return el('div', { id: 'contact-body' },
      el('h3', {}, t('contact')),
      el('dl', {}, ...field(t('name'), contact.name),
        el('dt', {}, t('channelIds')),
        el('dd', {}, el('ul', { id: 'identities' }, (contact.identities || []).map(i => el('li', { 'data-key': i.key },
          i.channel + ': ' + i.channelUserId)))),
        ...field(t('phone'), contact.phone), ...field(t('language'), c.language)),
      key ? el('form', { id: 'link-form', class: 'stacked', onsubmit: event => {
        event.preventDefault();
        const channelUserId = $('link-id').value.trim();
        if (!channelUserId) return;
        saveContact(key, 'link', () => api.post('/api/v1/contacts/' + encodeURIComponent(key) + '/identities',
          { channel: $('link-channel').value, channelUserId }));
      } },
      el('label', { for: 'link-channel' }, t('linkChannel')),
      el('select', { id: 'link-channel' }, ['whatsapp', 'messenger', 'instagram', 'api', 'web'].map(ch =>
        el('option', { value: ch }, ch))),
      el('label', { for: 'link-id' }, t('linkId')),
      el('input', { id: 'link-id' }),
      el('button', { type: 'submit', id: 'link-save' }, t('link'))) : null,
      el('h3', {}, t('attributes')),
      el('dl', { id: 'attributes' }, Object.entries(contact.attributes || {}).flatMap(([name, value]) =>
        [el('dt', {}, name), el('dd', {}, value)])),
      key ? el('form', { id: 'attributes-form', class: 'stacked', onsubmit: event => {
        event.preventDefault();
        const { attributes, errors } = parseAttributes($('attributes-edit').value);
        if (errors.length) {
          return flash(t('failed', { what: t('attributes'), why: t('attributeLines', {
            lines: errors.map(e => e.line).join(', ') }) }), true);
        }
        saveContact(key, 'attributes', () => api.put('/api/v1/contacts/' + encodeURIComponent(key), { attributes }));
      } },
      el('label', { for: 'attributes-edit' }, t('attributesEdit')),
      el('textarea', { id: 'attributes-edit', rows: 3, spellcheck: 'false' }, formatAttributes(contact.attributes)),
      el('button', { type: 'submit', id: 'attributes-save' }, t('saveAttributes'))) : null,
      el('h3', {}, t('csat')),
      el('p', { id: 'csat' }, c.csatScore ? t('csatScore', { score: c.csatScore }) : t('csatNone')),
      el('h3', {}, t('previous')),
      el('ul', { id: 'previous' }, previous.map(p => el('li', {},
        el('a', { href: '#/c/' + encodeURIComponent(p.id) }, p.channel + ' · ' + (p.lastActivityAt
          ? new Date(p.lastActivityAt).toLocaleDateString(t.language) : p.id)), ' ', t('status.' + p.status)))));
  }

  async function saveContact(key, what, call) {
    if (await act(what, call)) {
      flash(t('saved'));
      if (state.openId) openConversation(state.openId);
    }
  }

  // ---- presence and load ----
  async function refreshMe() {
    const profile = await api.get('/api/v1/agents/me').catch(() => null);
    if (!profile) return;
    state.profile = profile;
    $('presence').value = profile.presence;
    const capacity = profile.capacity && (profile.capacity['*'] ?? Object.values(profile.capacity)[0]);
    $('load').textContent = t('load', { open: profile.openConversations, capacity: capacity ?? '–' });
  }

  async function setPresence(presence) {
    if (await act('presence', () => api.put('/api/v1/agents/me/presence', { presence }))) refreshMe();
  }

  // ---- notifications ----
  function enableNotifications() {
    if ('Notification' in window) Notification.requestPermission();
    beep(); // a click lets the page play sound from now on
  }

  function notify(text, id) {
    window.parleyConsole.notifications.push(text);
    beep();
    if ('Notification' in window && Notification.permission === 'granted' && document.hidden) {
      const n = new Notification(t('title'), { body: text, tag: id });
      n.onclick = () => { window.focus(); location.hash = '#/c/' + encodeURIComponent(id); };
    }
  }

  let audio = null;
  function beep() {
    try {
      audio = audio || new AudioContext();
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = 880;
      gain.gain.setValueAtTime(0.08, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.25);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start();
      oscillator.stop(audio.currentTime + 0.25);
    } catch (e) {
      // no sound without a user gesture first; the badge still shows
    }
  }

  // ---- keyboard ----
  function bindKeys() {
    document.addEventListener('keydown', event => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const key = event.key.toLowerCase();
      if (key === 'j' || key === 'k') {
        event.preventDefault();
        const rows = inbox.list(state.view, state.filters);
        const at = rows.findIndex(r => r.id === state.openId);
        const next = rows[Math.max(0, Math.min(rows.length - 1, at + (key === 'j' ? 1 : -1)))];
        if (next) {
          location.hash = '#/c/' + encodeURIComponent(next.id);
          document.querySelector('#conversation-list li[data-id="' + CSS.escape(next.id) + '"] a')?.focus();
        }
      } else if (key === 'r' && state.openId) {
        event.preventDefault();
        setStatus(state.openId, 'solved');
      } else if (key === 'n' && $('reply')) {
        event.preventDefault();
        setNoteMode(!state.noteMode);
        $('reply').focus();
      }
    });
  }

  // ---- helpers ----
  /** One page of a list: its rows, and the next page's path from the API's Link header (null on the last page). */
  async function getPage(pathOrUrl) {
    const response = await fetch(/^https?:/.test(pathOrUrl) ? pathOrUrl : API_BASE + pathOrUrl,
      { headers: { Authorization: 'Bearer ' + token } });
    if (!response.ok) {
      const error = new Error('HTTP ' + response.status);
      error.status = response.status;
      throw error;
    }
    return { rows: await response.json(), next: nextLink(response.headers.get('Link')) };
  }

  /** A body that is not JSON (a knowledge-base import in Markdown or CSV), with the same errors as the JSON client. */
  async function rawSend(method, path, contentType, body) {
    const response = await fetch(API_BASE + path, { method, body,
      headers: { Authorization: 'Bearer ' + token, 'Content-Type': contentType } });
    const text = await response.text();
    const data = text && (response.headers.get('Content-Type') || '').includes('json') ? JSON.parse(text) : text;
    if (!response.ok) {
      const error = new Error((data && (data.detail || data.error)) || ('HTTP ' + response.status));
      error.problems = data && data.problems;
      throw error;
    }
    return data;
  }

  /** Made once per reply: the gateway requires it, so that a retried request is never sent twice. */
  function newMessageId() {
    return crypto.randomUUID ? crypto.randomUUID()
      : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  }

  function path(id, action) {
    return '/api/v1/conversations/' + encodeURIComponent(id) + '/' + action;
  }

  async function act(what, call) {
    const result = await attempt(what, call);
    if (result !== undefined && state.openId) scheduleReread(state.openId);
    return result !== undefined;
  }

  async function attempt(what, call) {
    try {
      const result = await call();
      $('flash').hidden = true;
      return result === undefined ? null : result;
    } catch (e) {
      const why = e.problems && e.problems.length ? e.message + ' (' + e.problems.map(p => p.detail || p.message || JSON.stringify(p)).join('; ') + ')' : e.message;
      flash(t('failed', { what, why }), true);
      return undefined;
    }
  }

  function flash(text, isError = false) {
    const box = $('flash');
    box.hidden = false;
    box.className = 'notice' + (isError ? ' error' : '');
    box.textContent = text;
  }

  return stream;
}
