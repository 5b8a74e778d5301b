import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createInbox, applyEvent, waitSeconds } from '../../main/resources/META-INF/resources/console/inbox.js';

const T0 = '2026-11-22T10:00:00Z';
const conversation = (id, fields = {}) => ({ id, channel: 'api', status: 'open', assignee: null, team: 'triage', labels: [],
  contact: { name: 'Ana ' + id, channelUserId: id }, lastActivityAt: T0, ...fields });
const event = (type, subject, data, time = '2026-11-22T10:05:00Z') => ({ type, subject, data, time, tenant: 'demo' });

test('a live assignment moves a conversation from Unassigned to Mine at once, and the counts follow', () => {
  const inbox = createInbox('ada');
  inbox.resync([[], [conversation('c1'), conversation('c2')], [conversation('c1'), conversation('c2')]]);
  assert.deepEqual(inbox.counts(), { mine: 0, unassigned: 2, all: 2, unread: 0 });

  const result = inbox.event(event('parley.conversation.assigned.v1', 'c1', { agentId: 'ada', team: 'triage' }));

  assert.equal(result.assignedToMe, true);
  assert.equal(result.reread, true);
  assert.deepEqual(inbox.list('mine').map(c => c.id), ['c1']);
  assert.deepEqual(inbox.list('unassigned').map(c => c.id), ['c2']);
  assert.deepEqual(inbox.counts(), { mine: 1, unassigned: 1, all: 2, unread: 0 });
});

test('a transfer takes it out of my list and into the other agent\'s; a queueing puts it back in Unassigned', () => {
  const inbox = createInbox('ada');
  inbox.resync([[conversation('c1', { assignee: 'ada' })]]);
  inbox.event(event('parley.conversation.transferred.v1', 'c1', { from: { agentId: 'ada' }, to: { agentId: 'bob', team: 'vip' } }));
  assert.deepEqual(inbox.list('mine'), []);
  assert.equal(inbox.get('c1').assignee, 'bob');
  assert.equal(inbox.get('c1').team, 'vip');

  const bobs = createInbox('bob');
  bobs.resync([[conversation('c1', { assignee: 'ada' })]]);
  bobs.event(event('parley.conversation.transferred.v1', 'c1', { from: { agentId: 'ada' }, to: { agentId: 'bob' } }));
  assert.deepEqual(bobs.list('mine').map(c => c.id), ['c1']);

  inbox.event(event('parley.conversation.queued.v1', 'c1', { team: 'vip', position: 1 }));
  assert.deepEqual(inbox.list('unassigned').map(c => c.id), ['c1']);
});

test('an event for a conversation the console does not know asks for it to be read, and changes nothing yet', () => {
  const inbox = createInbox('ada');
  inbox.resync([]);
  const result = inbox.event(event('parley.message.received.v1', 'c9', { content: { kind: 'text', text: 'hi' } }));
  assert.deepEqual(result, { id: 'c9', reread: true, isNew: true });
  assert.equal(inbox.counts().all, 0);
  inbox.upsert(conversation('c9'));
  assert.equal(inbox.counts().all, 1);
});

test('a customer message on my conversation marks it unread until I open it, and wakes it from pending', () => {
  const inbox = createInbox('ada');
  inbox.resync([[conversation('c1', { assignee: 'ada', status: 'pending' })]]);
  inbox.event(event('parley.message.received.v1', 'c1', { receivedAt: '2026-11-22T10:06:00Z' }));
  assert.equal(inbox.get('c1').status, 'open');
  assert.equal(inbox.get('c1').lastCustomerMessageAt, '2026-11-22T10:06:00Z');
  assert.equal(inbox.isUnread('c1'), true);
  assert.equal(inbox.counts().unread, 1);
  inbox.markRead('c1');
  assert.equal(inbox.counts().unread, 0);
});

test('resolving leaves Mine; a resync replaces what the stream built with what the API says now', () => {
  const inbox = createInbox('ada');
  inbox.resync([[conversation('c1', { assignee: 'ada' }), conversation('c2', { assignee: 'ada' })]]);
  inbox.event(event('parley.conversation.status-changed.v1', 'c1', { status: 'solved' }));
  assert.deepEqual(inbox.list('mine').map(c => c.id), ['c2']);

  // While the stream was down: c2 was transferred away, c3 was assigned to me. The resync's lists say so.
  inbox.resync([[conversation('c3', { assignee: 'ada' })], [], [conversation('c1', { status: 'solved', assignee: 'ada' }),
    conversation('c2', { assignee: 'bob' }), conversation('c3', { assignee: 'ada' })]]);
  assert.deepEqual(inbox.list('mine').map(c => c.id), ['c3']);
  assert.deepEqual(inbox.counts(), { mine: 1, unassigned: 0, all: 3, unread: 0 });
});

test('a conversation in several lists of a resync is kept once, the later list\'s row winning', () => {
  const inbox = createInbox('ada');
  inbox.resync([[conversation('c1', { assignee: 'ada', labels: ['old'] })], [conversation('c1', { assignee: 'ada', labels: ['new'] })]]);
  assert.equal(inbox.counts().all, 1);
  assert.deepEqual(inbox.get('c1').labels, ['new']);
});

test('Unassigned is in routing\'s queue order with the wait since queueing; others newest first', () => {
  const inbox = createInbox('ada');
  const now = Date.parse('2026-11-22T10:10:00Z');
  inbox.resync([[conversation('late', { lastActivityAt: '2026-11-22T10:09:00Z' }),
    conversation('early', { lastActivityAt: '2026-11-22T10:01:00Z', awaitingReplySince: '2026-11-22T10:01:00Z' })]],
  [{ team: 'triage', entries: [{ position: 1, conversationId: 'late', waitingSince: '2026-11-22T10:08:00Z' },
    { position: 2, conversationId: 'early', waitingSince: '2026-11-22T10:02:00Z' }] }]);
  const unassigned = inbox.list('unassigned', {}, now);
  assert.deepEqual(unassigned.map(c => [c.id, c.waitSeconds]), [['late', 120], ['early', 480]]);
  assert.deepEqual(inbox.list('all', {}, now).map(c => c.id), ['late', 'early']);
  assert.equal(waitSeconds(conversation('x', { awaitingReplySince: '2026-11-22T10:09:30Z' }), undefined, now), 30);
});

test('filters by status, team, channel, label and search (contact, id, and the API\'s message hits)', () => {
  const inbox = createInbox('ada');
  inbox.resync([[conversation('a', { labels: ['vip'], channel: 'whatsapp' }), conversation('b', { team: 'billing', status: 'pending' }),
    conversation('c', { contact: { name: 'Zhang Wei' } })]]);
  assert.deepEqual(inbox.list('all', { label: 'vip' }).map(c => c.id), ['a']);
  assert.deepEqual(inbox.list('all', { team: 'billing' }).map(c => c.id), ['b']);
  assert.deepEqual(inbox.list('all', { status: 'pending' }).map(c => c.id), ['b']);
  assert.deepEqual(inbox.list('all', { channel: 'whatsapp' }).map(c => c.id), ['a']);
  assert.deepEqual(inbox.list('all', { q: 'zhang' }).map(c => c.id), ['c']);
  assert.deepEqual(inbox.list('all', { q: 'refund', searchHits: new Set(['b']) }).map(c => c.id), ['b']);
  assert.deepEqual(inbox.counts({ label: 'vip' }).all, 1);
});

test('events that change nothing listed leave the conversation as it was; labels and CSAT are taken over', () => {
  const c = conversation('c1');
  assert.equal(applyEvent(c, event('parley.bot.suggested.v1', 'c1', {})), c);
  assert.deepEqual(applyEvent(c, event('parley.conversation.labeled.v1', 'c1', { labels: ['vip'] })).labels, ['vip']);
  assert.equal(applyEvent(c, event('parley.csat.received.v1', 'c1', { score: 4 })).csatScore, 4);
  assert.equal(applyEvent(c, event('parley.message.outbound.v1', 'c1', { author: { kind: 'bot' } })).lastAgentMessageAt, undefined);
  assert.equal(applyEvent(c, event('parley.message.outbound.v1', 'c1', { author: { kind: 'agent', id: 'ada' } })).lastAgentMessageAt,
    '2026-11-22T10:05:00Z');
});

test('a list longer than a page is read page by page, following each page\'s next link to the end', async () => {
  const { readAllPages, nextLink } = await import('../../main/resources/META-INF/resources/console/inbox.js');
  const pages = {
    '/api/v1/conversations?limit=2': { rows: [conversation('c1'), conversation('c2')], link: '</api/v1/conversations?limit=2&cursor=b>; rel="next"' },
    '/api/v1/conversations?limit=2&cursor=b': { rows: [conversation('c3'), conversation('c4')], link: '</api/v1/conversations?limit=2&cursor=d>; rel="next"' },
    '/api/v1/conversations?limit=2&cursor=d': { rows: [conversation('c5')], link: null },
  };
  const asked = [];
  const rows = await readAllPages(async path => {
    asked.push(path);
    return { rows: pages[path].rows, next: nextLink(pages[path].link) };
  }, '/api/v1/conversations?limit=2');
  assert.deepEqual(rows.map(c => c.id), ['c1', 'c2', 'c3', 'c4', 'c5']);
  assert.equal(asked.length, 3);

  // A page cap keeps a runaway list bounded.
  const capped = await readAllPages(async () => ({ rows: [conversation('x')], next: '/again' }), '/first', 4);
  assert.equal(capped.length, 4);
  assert.equal(nextLink(null), null);
  assert.equal(nextLink('<https://api.example/x?cursor=a%3D>; rel=next'), 'https://api.example/x?cursor=a%3D');

  // Many pages merge into the store like one list: a busy inbox shows everything.
  const inbox = createInbox('ada');
  inbox.resync([rows]);
  assert.equal(inbox.counts().all, 5);
});
