// Parley's front-end kit, shared by the ops dashboard, the agent console and the web widget: plain ES modules served
// from this jar's META-INF/resources/ui, no bundler, no asset fetched from the internet at run time.

/** The gateway token: taken from the link's #token=… once (then removed from the address bar), kept for the tab. */
export function signIn(storage = globalThis.sessionStorage, location = globalThis.location, history = globalThis.history) {
  const fromLink = new URLSearchParams((location?.hash || '').replace(/^#/, '')).get('token');
  if (fromLink) {
    storage?.setItem('parley.token', fromLink);
    history?.replaceState(null, '', location.pathname + location.search);
  }
  return storage?.getItem('parley.token') || null;
}

/** What a token says about its caller (tenant, agent, groups); the signature is the server's business. */
export function claimsOf(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(Array.from(atob(payload), c => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
    const claims = JSON.parse(json);
    return { tenant: claims.tenant, agent: claims.upn || claims.sub, groups: claims.groups || [], expiresAt: claims.exp };
  } catch (e) {
    return null;
  }
}

/**
 * A JSON API client with the bearer token (or another Authorization scheme, e.g. the widget's Visitor tokens); errors
 * carry the server's problem detail, the status and a Retry-After in seconds when the server sent one.
 */
export function api(baseUrl, token, fetchFn = globalThis.fetch, scheme = 'Bearer') {
  async function call(method, path, body) {
    const response = await fetchFn(baseUrl + path, {
      method,
      headers: { ...(token ? { Authorization: scheme + ' ' + token } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const data = text && (response.headers.get('Content-Type') || '').includes('json') ? JSON.parse(text) : text;
    if (!response.ok) {
      const error = new Error((data && (data.detail || data.error)) || ('HTTP ' + response.status));
      error.status = response.status;
      error.problems = data && data.problems;
      error.retryAfter = Number(response.headers.get('Retry-After')) || null;
      throw error;
    }
    return data;
  }
  return {
    get: path => call('GET', path),
    post: (path, body) => call('POST', path, body),
    put: (path, body) => call('PUT', path, body),
    delete: path => call('DELETE', path),
  };
}

/**
 * Reads one text/event-stream chunk sequence: feed it text as it arrives, it calls onEvent(name, data) for every
 * complete event (a blank line ends one) and keeps the unfinished rest for the next chunk.
 */
export function sseParser(onEvent) {
  let buffer = '';
  let name = 'message';
  let data = [];
  return function feed(chunk) {
    buffer += chunk;
    let newline;
    while ((newline = buffer.search(/\r?\n/)) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer[newline] === '\r' ? 2 : 1));
      if (line === '') {
        if (data.length) {
          onEvent(name, data.join('\n'));
        }
        name = 'message';
        data = [];
      } else if (line.startsWith('event:')) {
        name = line.slice(6).trim();
      } else if (line.startsWith('data:')) {
        data.push(line.slice(5).replace(/^ /, ''));
      }
    }
  };
}

/**
 * A live stream over fetch (EventSource cannot send the bearer token). On every (re)connection it first calls
 * resync(), so that whatever happened while the connection was down is read again and no update is lost; then it
 * hands each event to onEvent. Reconnects with a backoff capped at maxDelayMs until stop() is called.
 */
export function liveStream({ url, token, onEvent, resync, onStatus = () => {}, fetchFn = globalThis.fetch,
                             maxDelayMs = 5000, wait = ms => new Promise(r => setTimeout(r, ms)), scheme = 'Bearer' }) {
  let stopped = false;
  let controller = null;
  let delay = 250;
  async function run() {
    while (!stopped) {
      controller = new AbortController();
      try {
        const response = await fetchFn(url, { headers: { Authorization: scheme + ' ' + token, Accept: 'text/event-stream' },
          signal: controller.signal });
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        onStatus('live');
        await resync();
        delay = 250;
        const feed = sseParser(onEvent);
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) {
            break;
          }
          feed(decoder.decode(value, { stream: true }));
        }
      } catch (e) {
        if (stopped) {
          return;
        }
      }
      onStatus('reconnecting');
      await wait(delay);
      delay = Math.min(delay * 2, maxDelayMs);
    }
  }
  const done = run();
  return { stop() { stopped = true; controller?.abort(); return done; }, done };
}

/** Text for the page, never HTML: every text from a server or a customer goes through here. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** A duration in seconds as people read it: 42 s, 3 min 5 s, 2 h 10 min; null shows as "–". */
export function formatSeconds(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return '–';
  const s = Math.round(seconds);
  if (s < 60) return s + ' s';
  if (s < 3600) return Math.floor(s / 60) + ' min' + (s % 60 ? ' ' + (s % 60) + ' s' : '');
  return Math.floor(s / 3600) + ' h' + (Math.floor((s % 3600) / 60) ? ' ' + Math.floor((s % 3600) / 60) + ' min' : '');
}

/** A share (0..1) as a percentage; null shows as "–". */
export function formatPercent(share) {
  return share === null || share === undefined ? '–' : (Math.round(share * 1000) / 10) + ' %';
}

/** Texts in the reader's language (en, zh, ru, es), falling back to English, with {name} placeholders. */
export function translator(texts, languages = globalThis.navigator?.languages || ['en']) {
  const language = languages.map(l => l.slice(0, 2).toLowerCase()).find(l => texts[l]) || 'en';
  return Object.assign((key, values = {}) => String((texts[language] || {})[key] ?? texts.en[key] ?? key)
    .replace(/\{(\w+)\}/g, (m, name) => (values[name] ?? m)), { language });
}
