import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sseParser, liveStream, claimsOf, formatSeconds, formatPercent, translator, signIn, api } from '../../main/resources/META-INF/resources/ui/parley.js';

test('the SSE parser hands over whole events only, across chunk boundaries and CRLF', () => {
  const seen = [];
  const feed = sseParser((name, data) => seen.push([name, data]));
  feed('event: live\ndata: {"a"');
  assert.deepEqual(seen, []);
  feed(':1}\n\ndata: one\r\ndata: two\r\n\r\n: comment\n\n');
  assert.deepEqual(seen, [['live', '{"a":1}'], ['message', 'one\ntwo']]);
});

/** A response body that gives its chunks, then ends, or stays open until the request is aborted (as fetch's does). */
function streamOf(chunks, { endAfter = true, signal } = {}) {
  const encoder = new TextEncoder();
  let i = 0;
  return {
    getReader: () => ({
      read: async () => (i < chunks.length ? { value: encoder.encode(chunks[i++]), done: false }
        : endAfter ? { value: undefined, done: true }
        : new Promise((resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))))),
    }),
  };
}

test('a dropped stream reconnects, resyncs before reading again, and loses no update', async () => {
  const calls = [];
  const events = [];
  let connection = 0;
  const fetchFn = async (url, options) => {
    connection++;
    calls.push(options.headers.Authorization);
    if (connection === 2) throw new Error('connection refused');
    return { ok: true, body: streamOf(connection === 1 ? ['event: live\ndata: 1\n\n'] : ['event: live\ndata: 3\n\n'],
      { endAfter: connection === 1, signal: options.signal }) };
  };
  let resyncs = 0;
  const statuses = [];
  let stream;
  await new Promise(resolve => {
    stream = liveStream({ url: '/s', token: 't', fetchFn, wait: async () => {}, onStatus: s => statuses.push(s),
      resync: async () => { resyncs++; events.push('resync' + resyncs); },
      onEvent: (name, data) => { events.push(name + ':' + data); if (data === '3') resolve(); } });
  });
  await stream.stop();
  assert.deepEqual(events, ['resync1', 'live:1', 'resync2', 'live:3']);
  assert.deepEqual(calls, ['Bearer t', 'Bearer t', 'Bearer t']);
  assert.deepEqual(statuses, ['live', 'reconnecting', 'reconnecting', 'live']);
});

test('claims are read from a token, and garbage is no token', () => {
  const payload = Buffer.from(JSON.stringify({ tenant: 'demo', upn: 'ada', groups: ['agent', 'admin'], exp: 9 })).toString('base64url');
  assert.deepEqual(claimsOf('h.' + payload + '.s'), { tenant: 'demo', agent: 'ada', groups: ['agent', 'admin'], expiresAt: 9 });
  assert.equal(claimsOf('not a token'), null);
});

test('a sign-in link leaves the token in the tab and takes it out of the address bar', () => {
  const store = new Map();
  const storage = { setItem: (k, v) => store.set(k, v), getItem: k => store.get(k) ?? null };
  let replaced = null;
  const token = signIn(storage, { hash: '#token=abc.def.ghi', pathname: '/dashboard/', search: '?team=x' },
    { replaceState: (s, t, url) => { replaced = url; } });
  assert.equal(token, 'abc.def.ghi');
  assert.equal(replaced, '/dashboard/?team=x');
  assert.equal(signIn(storage, { hash: '', pathname: '/', search: '' }, null), 'abc.def.ghi');
});

test('API errors carry the problem detail and every problem', async () => {
  const fetchFn = async () => ({ ok: false, status: 400, text: async () => '{"detail":"2 problems","problems":["a","b"]}',
    headers: { get: () => 'application/problem+json' } });
  await assert.rejects(api('', 't', fetchFn).post('/x', {}), e => e.message === '2 problems' && e.status === 400
    && e.problems.length === 2);
});

test('durations and shares read as people say them, and no data is a dash', () => {
  assert.equal(formatSeconds(42), '42 s');
  assert.equal(formatSeconds(185), '3 min 5 s');
  assert.equal(formatSeconds(7800), '2 h 10 min');
  assert.equal(formatSeconds(null), '–');
  assert.equal(formatPercent(0.9234), '92.3 %');
  assert.equal(formatPercent(null), '–');
});

test('texts follow the reader language with an English fallback and placeholders', () => {
  const t = translator({ en: { hi: 'Hello {name}', only: 'English only' }, es: { hi: 'Hola {name}' } }, ['es-ES', 'en']);
  assert.equal(t.language, 'es');
  assert.equal(t('hi', { name: 'Ana' }), 'Hola Ana');
  assert.equal(t('only'), 'English only');
  assert.equal(translator({ en: { a: 'A' } }, ['ru'])('a'), 'A');
});
