import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contactKey, contactTimeline, formatAttributes, parseAttributes, otherViewers }
  from '../../main/resources/META-INF/resources/console/contact.js';

test('a conversation\'s contact is its id on the conversation\'s channel', () => {
  assert.equal(contactKey({ channel: 'api', contact: { channelUserId: 'u-1' } }), 'api:u-1');
  assert.equal(contactKey({ channel: 'whatsapp', contact: { channelUserId: '4915112345678', phone: '+4915112345678' } }),
    'whatsapp:4915112345678');
  assert.equal(contactKey({ channel: 'api', contact: {} }), null);
  assert.equal(contactKey(null), null);
});

test('one timeline across channels: every conversation\'s messages and this one\'s notes, oldest first, others marked', () => {
  const timeline = contactTimeline({
    conversationId: 'api:shop:u-1',
    conversations: [{ id: 'api:shop:u-1', channel: 'api' }, { id: 'whatsapp:155:4915', channel: 'whatsapp' }],
    messages: [
      { id: 'm1', conversationId: 'whatsapp:155:4915', text: 'my parcel is late', sentAt: '2026-12-01T09:00:00Z' },
      { id: 'm2', conversationId: 'api:shop:u-1', text: 'did you get my WhatsApp?', sentAt: '2026-12-02T09:00:00Z' },
      { id: 'm3', conversationId: 'messenger:9:7', text: 'from a conversation not listed', sentAt: '2026-12-02T09:00:00Z' },
    ],
    notes: [{ id: 'n1', text: 'same customer', createdAt: '2026-12-02T08:00:00Z' }],
  });
  assert.deepEqual(timeline.map(item => item.kind === 'note' ? item.note.id : item.message.id), ['m1', 'n1', 'm2', 'm3']);
  assert.deepEqual(timeline.map(item => item.elsewhere || null), ['whatsapp', null, null, 'messenger']);
});

test('attributes are edited as "name: value" lines; a line without a name is named as an error', () => {
  const text = formatAttributes({ plan: 'gold', 'order url': 'https://shop.example/o/1' });
  assert.equal(text, 'plan: gold\norder url: https://shop.example/o/1');
  assert.deepEqual(parseAttributes(text + '\n\n'), { attributes: { plan: 'gold', 'order url': 'https://shop.example/o/1' }, errors: [] });
  assert.deepEqual(parseAttributes('plan gold\n: nameless\ncity:Porto'),
    { attributes: { city: 'Porto' }, errors: [{ line: 1, text: 'plan gold' }, { line: 2, text: ': nameless' }] });
  assert.deepEqual(parseAttributes(''), { attributes: {}, errors: [] });
});

test('the hint names the other agents who have the conversation open, never the agent themself', () => {
  assert.deepEqual(otherViewers([{ agentId: 'ada' }, { agentId: 'bob' }], 'ada'), ['bob']);
  assert.deepEqual(otherViewers([{ agentId: 'ada' }], 'ada'), []);
  assert.deepEqual(otherViewers(undefined, 'ada'), []);
});
