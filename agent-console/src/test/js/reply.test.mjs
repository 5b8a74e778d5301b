import { test } from 'node:test';
import assert from 'node:assert/strict';
import { replyWindow, cannedQuery, cannedMatches, unfilledPlaceholders, firstPlaceholderRange, outgoing }
  from '../../main/resources/META-INF/resources/console/reply.js';

const NOW = Date.parse('2026-11-22T12:00:00Z');

test('the 24-hour rule: WhatsApp free text is open within a day of the customer\'s last message, closed after', () => {
  const whatsapp = at => ({ channel: 'whatsapp', lastCustomerMessageAt: at });
  assert.deepEqual(replyWindow(whatsapp('2026-11-21T12:00:00Z'), NOW), { open: true, closesAt: '2026-11-22T12:00:00.000Z' });
  assert.deepEqual(replyWindow(whatsapp('2026-11-21T11:59:59Z'), NOW),
    { open: false, route: 'template', closedAt: '2026-11-22T11:59:59.000Z' });
  assert.deepEqual(replyWindow({ channel: 'whatsapp' }, NOW), { open: false, route: 'template', closedAt: null });
  assert.deepEqual(replyWindow({ channel: 'api', lastCustomerMessageAt: '2026-01-01T00:00:00Z' }, NOW), { open: true });
  assert.deepEqual(replyWindow({ channel: 'messenger' }, NOW), { open: true });
});

test('the reply box refuses free text outside the window but still takes a private note', () => {
  const closed = { open: false, route: 'template' };
  assert.deepEqual(outgoing('sorry for the wait', { window: closed }), { error: 'reply.windowClosed' });
  assert.deepEqual(outgoing(' internal ', { window: closed, noteMode: true }), { note: { text: 'internal' } });
  assert.deepEqual(outgoing('hello'), { reply: { text: 'hello' } });
  assert.deepEqual(outgoing('   '), { error: 'reply.empty' });
});

test('a link to a file is sent as an attachment by URL, any other link as text', () => {
  assert.deepEqual(outgoing('https://files.example.com/label%201.pdf'),
    { reply: { media: { kind: 'document', url: 'https://files.example.com/label%201.pdf', filename: 'label 1.pdf' } } });
  assert.deepEqual(outgoing('https://cdn.example.com/a/photo.JPG'),
    { reply: { media: { kind: 'image', url: 'https://cdn.example.com/a/photo.JPG' } } });
  assert.deepEqual(outgoing('https://example.com/help'), { reply: { text: 'https://example.com/help' } });
});

test('"/" opens canned responses: shortcut prefix first, then shortcut or title containing the query', () => {
  const responses = [{ id: '1', shortcut: 'thanks', title: 'Thank you' }, { id: '2', shortcut: 'return', title: 'Returns' },
    { id: '3', shortcut: 'refund', title: 'How to return for a refund' }, { id: '4', shortcut: 'hello', title: 'Greeting' }];
  assert.equal(cannedQuery('hello'), null);
  assert.equal(cannedQuery('/'), '');
  assert.equal(cannedQuery('/Ret'), 'ret');
  assert.equal(cannedQuery('/ret and more'), null);
  assert.deepEqual(cannedMatches(responses, 'ret').map(r => r.id), ['2', '3']);
  assert.deepEqual(cannedMatches(responses, '').map(r => r.shortcut), ['hello', 'refund', 'return', 'thanks']);
  assert.deepEqual(cannedMatches(responses, 'zzz'), []);
  assert.deepEqual(cannedMatches(responses, null), []);
});

test('placeholders the server could not fill are named and the first is selected for typing over', () => {
  const rendered = 'Hi Ana, your ticket is {{ticket.id}}; call {{ contact.phone }} or {{ticket.id}}.';
  assert.deepEqual(unfilledPlaceholders(rendered), ['ticket.id', 'contact.phone']);
  assert.deepEqual(firstPlaceholderRange(rendered), { start: 23, end: 36 });
  assert.equal(rendered.slice(23, 36), '{{ticket.id}}');
  assert.deepEqual(unfilledPlaceholders('Hi Ana'), []);
  assert.equal(firstPlaceholderRange('Hi Ana'), null);
});
