// The reply box's rules as pure logic: which canned responses a "/" brings up, what is still left to fill after the
// server rendered one, and whether free text may be sent at all (WhatsApp's 24-hour customer service window).

/** WhatsApp accepts free-form messages only within 24 hours of the customer's last message (the API refuses, 422). */
export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Whether the reply box may send free text now: {open: true} or {open: false, closedAt, route: 'template'}.
 * Mirrors ticket-service's ReplyWindow, so the agent learns before typing, not from a refused send.
 */
export function replyWindow(conversation, now = Date.now()) {
  if (!conversation || conversation.channel !== 'whatsapp') return { open: true };
  const last = conversation.lastCustomerMessageAt ? Date.parse(conversation.lastCustomerMessageAt) : null;
  if (last !== null && last + WHATSAPP_WINDOW_MS >= now) {
    return { open: true, closesAt: new Date(last + WHATSAPP_WINDOW_MS).toISOString() };
  }
  return { open: false, route: 'template', closedAt: last === null ? null : new Date(last + WHATSAPP_WINDOW_MS).toISOString() };
}

/** The "/…" the agent is typing at the start of the box, or null: "/ret" → "ret", "/" → "". */
export function cannedQuery(text) {
  const match = /^\/(\S*)$/.exec(text || '');
  return match ? match[1].toLowerCase() : null;
}

/** Canned responses for a query, shortcuts that start with it first, then those whose shortcut or title contains it. */
export function cannedMatches(responses, query) {
  if (query === null || query === undefined) return [];
  const starts = [];
  const contains = [];
  for (const response of responses) {
    const shortcut = (response.shortcut || '').toLowerCase();
    const title = (response.title || '').toLowerCase();
    if (shortcut.startsWith(query)) starts.push(response);
    else if (shortcut.includes(query) || title.includes(query)) contains.push(response);
  }
  const byShortcut = (a, b) => a.shortcut.localeCompare(b.shortcut);
  return [...starts.sort(byShortcut), ...contains.sort(byShortcut)];
}

/** Placeholders the server could not fill (it leaves them as written, e.g. {{contact.phone}} with no phone). */
export function unfilledPlaceholders(text) {
  return [...new Set([...(text || '').matchAll(/\{\{\s*([a-zA-Z0-9_.]+)\s*}}/g)].map(m => m[1]))];
}

/** The first unfilled placeholder's range, so the box can select it for the agent to type over; null if none. */
export function firstPlaceholderRange(text) {
  const match = /\{\{\s*[a-zA-Z0-9_.]+\s*}}/.exec(text || '');
  return match ? { start: match.index, end: match.index + match[0].length } : null;
}

/**
 * What the send button sends: a note, a text, or a media reference when the text is just a URL with a media
 * extension ("attachments by URL"); an error message key when it cannot be sent.
 */
export function outgoing(text, { noteMode = false, window = { open: true } } = {}) {
  const trimmed = (text || '').trim();
  if (!trimmed) return { error: 'reply.empty' };
  if (noteMode) return { note: { text: trimmed } };
  if (!window.open) return { error: 'reply.windowClosed' };
  const media = mediaOf(trimmed);
  return media ? { reply: { media } } : { reply: { text: trimmed } };
}

const MEDIA_KINDS = [
  [/\.(png|jpe?g|gif|webp)$/i, 'image'], [/\.(mp4|mov|3gp)$/i, 'video'], [/\.(mp3|ogg|aac|m4a)$/i, 'audio'],
  [/\.(pdf|docx?|xlsx?|pptx?|txt|csv|zip)$/i, 'document'],
];

function mediaOf(text) {
  if (!/^https?:\/\/\S+$/.test(text)) return null;
  const path = new URL(text).pathname;
  const found = MEDIA_KINDS.find(([pattern]) => pattern.test(path));
  if (!found) return null;
  const media = { kind: found[1], url: text };
  if (found[1] === 'document') media.filename = decodeURIComponent(path.split('/').pop());
  return media;
}
