import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { emptyConversation, mergeMessage, applyUpdate, resync, withReadMarks, sessionRequest, newMessageId }
  from '../../main/resources/META-INF/resources/ui/widget/state.js';

const text = (id, from, body, status, at) => ({ id, from, content: { kind: 'text', text: body }, status, at });

test('live messages merge by id: the server copy replaces the tab\'s, statuses only move forward', () => {
  let messages = [text('v-1.a', 'visitor', 'Hola', 'sending', '2026-11-22T10:00:00Z')];
  messages = mergeMessage(messages, text('v-1.a', 'visitor', 'Hola', 'sent', '2026-11-22T10:00:00.5Z'));
  messages = mergeMessage(messages, text('m-1', 'bot', '¿En qué puedo ayudarte?', 'sent', '2026-11-22T10:00:01Z'));
  messages = mergeMessage(messages, { id: 'm-1', status: 'delivered' });
  messages = mergeMessage(messages, { id: 'm-1', status: 'sent' });
  assert.deepEqual(messages.map(m => [m.id, m.status]), [['v-1.a', 'sent'], ['m-1', 'delivered']]);
  assert.equal(messages[1].content.text, '¿En qué puedo ayudarte?');
});

test('a message that could not be sent is marked failed, and a later server copy repairs it', () => {
  let messages = [text('v-1.a', 'visitor', 'Hola', 'sending')];
  messages = mergeMessage(messages, { id: 'v-1.a', status: 'failed' });
  assert.equal(messages[0].status, 'failed');
  messages = mergeMessage(messages, { id: 'v-1.a', status: 'sent' });
  assert.equal(messages[0].status, 'sent');
});

test('updates: deliveries of unknown messages change nothing; handoff, ticket and CSAT are remembered', () => {
  let conversation = emptyConversation();
  conversation = applyUpdate(conversation, { type: 'delivery', id: 'nope', status: 'delivered' });
  assert.deepEqual(conversation.messages, []);
  conversation = applyUpdate(conversation, { type: 'handoff', state: 'waiting' });
  conversation = applyUpdate(conversation, { type: 'handoff', state: 'assigned' });
  conversation = applyUpdate(conversation, { type: 'handoff', state: 'waiting' });
  assert.equal(conversation.handoff, 'assigned', 'a later queue event does not undo an assignment');
  conversation = applyUpdate(conversation, { type: 'ticket' });
  conversation = applyUpdate(conversation, { type: 'csat', pending: true });
  assert.equal(conversation.ticket, true);
  assert.equal(conversation.csatPending, true);
  assert.equal(applyUpdate(conversation, { type: 'typing-of-the-future' }), conversation);
});

test('a resync takes the history as the truth and keeps only what the tab is still sending', () => {
  let conversation = emptyConversation();
  conversation = applyUpdate(conversation, { type: 'message', message: text('v-1.a', 'visitor', 'Hola', 'sent', '2026-11-22T10:00:00Z') });
  conversation = applyUpdate(conversation, { type: 'message', message: text('v-1.b', 'visitor', '¿Sigues ahí?', 'sending', '2026-11-22T10:05:00Z') });
  // While the stream was down the bot answered and an agent replied: the history has both, not the unsent message.
  const history = {
    messages: [text('v-1.a', 'visitor', 'Hola', 'sent', '2026-11-22T10:00:00Z'),
      text('m-1', 'bot', 'Hola, ¿en qué puedo ayudarte?', 'delivered', '2026-11-22T10:00:01Z'),
      text('m-2', 'agent', 'Soy Ada', 'delivered', '2026-11-22T10:04:00Z')],
    handoff: 'assigned', ticket: false, csatPending: false,
  };
  const after = resync(conversation, history);
  assert.deepEqual(after.messages.map(m => m.id), ['v-1.a', 'm-1', 'm-2', 'v-1.b']);
  assert.equal(after.messages[3].status, 'sending');
  assert.equal(after.handoff, 'assigned');
  assert.deepEqual(resync(after, history).messages.map(m => m.id), ['v-1.a', 'm-1', 'm-2', 'v-1.b'], 'idempotent');
});

test('the visitor\'s messages count as read once someone answered after them', () => {
  const marked = withReadMarks([text('v-1.a', 'visitor', 'a', 'sent'), text('m-1', 'bot', 'b', 'delivered'),
    text('v-1.b', 'visitor', 'c', 'sent')]);
  assert.deepEqual(marked.map(m => m.status), ['read', 'delivered', 'sent']);
});

test('signed identity: a user signs in with id and hash and never reuses the anonymous visitor\'s token', () => {
  const storage = new Map([['parley.widget.shop.anonymous', 'anon-token']]);
  const store = { getItem: key => storage.get(key) ?? null };
  assert.deepEqual(sessionRequest('shop', null, store),
    { storageKey: 'parley.widget.shop.anonymous', body: { token: 'anon-token' } });
  assert.deepEqual(sessionRequest('shop', { userId: 'customer-42', userHash: 'e02814' }, store),
    { storageKey: 'parley.widget.shop.user.customer-42', body: { userId: 'customer-42', userHash: 'e02814' } });
  assert.deepEqual(sessionRequest('shop', { userId: 'customer-42' }, store).body,
    { userId: 'customer-42', userHash: null }, 'an unsigned claim is sent as such, and the server refuses it');
  assert.deepEqual(sessionRequest('shop', null, { getItem: () => null }).body, {});
});

test('message ids are the visitor\'s id, a dot and a token the server accepts', () => {
  assert.equal(newMessageId('v-1', () => 'ab/c+d'), 'v-1.abcd');
  assert.match(newMessageId('u-ana@example.com'), /^u-ana@example\.com\.[A-Za-z0-9_-]{1,60}$/);
});

test('the built widget is one classic script without imports, and small', () => {
  const bundle = readFileSync(fileURLToPath(new URL('../../../target/classes/META-INF/resources/ui/widget.js', import.meta.url)), 'utf8');
  assert.doesNotMatch(bundle, /^\s*(import|export)\s/m);
  assert.match(bundle, /attachShadow/);
  assert.ok(!bundle.includes('innerHTML'), 'texts go into text nodes, never HTML');
  assert.ok(gzipSync(bundle).length < 60 * 1024, 'at most 60 kB gzipped');
});
