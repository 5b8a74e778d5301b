// Parley's web widget: a launcher bubble and a chat panel in a shadow root, so no page style reaches it and none of
// its styles leak out. Built into /ui/widget.js (one classic script, see web-ui/src/build/bundle-widget.mjs):
//   <script src="https://parley.example/ui/widget.js" data-channel="shop" async></script>
// Optional: data-user-id + data-user-hash (a signed identity, computed on the business's server), data-locale.
import { api, liveStream, el, translator } from '../parley.js';
import { emptyConversation, applyUpdate, resync, withReadMarks, sessionRequest, newMessageId } from './state.js';
import { WIDGET_TEXTS } from './texts.js';

const WIDGET_STYLE = `
:host { all: initial; position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", sans-serif; color: #1d2330; }
button, input, textarea { font: inherit; }
:focus-visible { outline: 2px solid #2f6fed; outline-offset: 2px; }
.launcher { width: 56px; height: 56px; border-radius: 50%; border: 0; background: #2f6fed; color: #fff;
  cursor: pointer; box-shadow: 0 4px 14px rgba(0,0,0,.25); }
/* A speech bubble drawn in CSS: no icon font or image to fetch, nothing a page's fonts can lack. */
.launcher::before { content: ''; display: block; width: 22px; height: 16px; margin: 0 auto; border: 3px solid #fff;
  border-radius: 9px 9px 9px 2px; }
.launcher[aria-expanded="true"]::before { width: 0; height: 0; border: 0; content: '×'; font-size: 28px; line-height: 1; }
.panel { position: absolute; right: 0; bottom: 70px; width: 360px; max-width: calc(100vw - 40px); height: 540px;
  max-height: calc(100vh - 110px); background: #fff; border-radius: 12px; box-shadow: 0 8px 30px rgba(0,0,0,.25);
  display: flex; flex-direction: column; overflow: hidden; }
.panel[hidden] { display: none; }
header { background: #2f6fed; color: #fff; padding: 12px 14px; display: flex; align-items: center; gap: 8px; }
header h2 { font-size: 1rem; margin: 0; flex: 1; }
header button { background: transparent; border: 0; color: #fff; font-size: 20px; cursor: pointer; }
.status { font-size: .75rem; opacity: .85; }
.notice { background: #fffaeb; border-bottom: 1px solid #fedf89; padding: 10px 14px; font-size: .85rem; }
.notice ul { margin: 4px 0; padding-left: 18px; }
.leave { display: grid; gap: 6px; margin-top: 8px; }
.leave input, .leave textarea, .composer textarea { border: 1px solid #d0d5dd; border-radius: 6px; padding: 6px 8px; }
.log { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 8px; background: #f5f7fa; }
.msg { max-width: 80%; padding: 8px 10px; border-radius: 10px; background: #fff; border: 1px solid #e4e7ec;
  white-space: pre-wrap; overflow-wrap: anywhere; font-size: .92rem; }
.msg.visitor { align-self: flex-end; background: #2f6fed; color: #fff; border-color: #2f6fed; }
.msg.visitor a { color: #fff; }
.msg .who { display: block; font-size: .7rem; opacity: .7; margin-bottom: 2px; }
.msg .state { display: block; font-size: .7rem; opacity: .8; text-align: right; margin-top: 2px; }
.msg img { max-width: 100%; border-radius: 6px; display: block; }
.options { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
.options button, .csat button, .leave button, .composer button, .msg button { border: 1px solid #2f6fed; background: #fff;
  color: #2f6fed; border-radius: 16px; padding: 4px 12px; cursor: pointer; }
.system { align-self: center; font-size: .8rem; color: #667085; text-align: center; }
.csat { align-self: stretch; text-align: center; font-size: .85rem; }
.composer { display: flex; gap: 6px; padding: 8px; border-top: 1px solid #e4e7ec; }
.composer textarea { flex: 1; resize: none; height: 38px; }
.composer button { border-radius: 6px; background: #2f6fed; color: #fff; }
.error { color: #c01048; font-size: .8rem; padding: 0 12px 6px; }
`;

const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/g;
const DAY_NAMES = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

/** Text with its http(s) links as links; everything else stays text nodes, never HTML. */
function linkified(text) {
  return String(text ?? '').split(URL_PATTERN).map((part, i) => (i % 2 === 1
    ? el('a', { href: part, target: '_blank', rel: 'noopener noreferrer' }, part) : part));
}

function isHttpUrl(url) {
  try {
    return ['http:', 'https:'].includes(new URL(url).protocol);
  } catch (e) {
    return false;
  }
}

function startWidget(script) {
  const channelId = script.dataset.channel;
  const base = script.dataset.parleyUrl || new URL(script.src).origin;
  const identity = script.dataset.userId ? { userId: script.dataset.userId, userHash: script.dataset.userHash } : null;
  const languages = script.dataset.locale ? [script.dataset.locale] : (navigator.languages || [navigator.language || 'en']);
  const t = translator(WIDGET_TEXTS, languages);
  const locale = script.dataset.locale || navigator.language || 'en';
  const storage = (() => { try { return window.localStorage; } catch (e) { return null; } })();

  const host = el('div', { 'data-parley-widget': channelId });
  const root = host.attachShadow({ mode: 'open' });
  root.append(el('style', {}, WIDGET_STYLE));

  let conversation = emptyConversation();
  let session = null;
  let notice = null;
  let client = null;
  let stream = null;
  let streamStatus = '';
  let errorText = '';
  let leftMessage = null;

  const launcher = el('button', { class: 'launcher', type: 'button', 'aria-label': t('open'), 'aria-expanded': 'false',
    'aria-controls': 'parley-panel', onclick: () => toggle(panel.hidden) });
  const titleNode = el('h2', { id: 'parley-title' }, t('title'));
  const statusNode = el('span', { class: 'status', 'aria-live': 'polite' });
  const closeButton = el('button', { type: 'button', 'aria-label': t('close'), onclick: () => toggle(false) }, '×');
  const noticeNode = el('div', { class: 'notice', hidden: true });
  const log = el('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-labelledby': 'parley-title' });
  const errorNode = el('div', { class: 'error', role: 'alert' });
  const input = el('textarea', { 'aria-label': t('messageLabel'), placeholder: t('placeholder'), maxlength: '4000' });
  const composer = el('form', { class: 'composer' }, input, el('button', { type: 'submit' }, t('send')));
  const panel = el('div', { class: 'panel', id: 'parley-panel', role: 'dialog', 'aria-modal': 'true',
    'aria-labelledby': 'parley-title', hidden: true },
  el('header', {}, titleNode, statusNode, closeButton), noticeNode, log, errorNode, composer);
  root.append(panel, launcher);
  document.body.append(host);

  composer.addEventListener('submit', event => { event.preventDefault(); sendText(); });
  input.addEventListener('keydown', event => {
    if (event.key === 'Enter' && !event.shiftKey) { event.preventDefault(); sendText(); }
  });
  // Keyboard: Escape closes and gives focus back to the launcher; Tab stays inside the open panel (focus trap).
  panel.addEventListener('keydown', event => {
    if (event.key === 'Escape') { toggle(false); return; }
    if (event.key !== 'Tab') return;
    const focusable = [...panel.querySelectorAll('button, textarea, input, a[href]')].filter(n => !n.closest('[hidden]') && !n.disabled);
    if (!focusable.length) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (event.shiftKey && root.activeElement === first) { event.preventDefault(); last.focus(); }
    else if (!event.shiftKey && root.activeElement === last) { event.preventDefault(); first.focus(); }
  });

  function toggle(open) {
    panel.hidden = !open;
    launcher.setAttribute('aria-expanded', String(open));
    launcher.setAttribute('aria-label', open ? t('close') : t('open'));
    if (open) {
      input.focus();
      log.scrollTop = log.scrollHeight;
    } else {
      launcher.focus();
    }
  }

  function showError(error) {
    if (!error) { errorText = ''; }
    else if (error.status === 429) { errorText = t('tooFast', { seconds: error.retryAfter || 2 }); }
    else { errorText = t('error', { detail: error.message || String(error) }); }
    errorNode.textContent = errorText;
  }

  function update(change) {
    conversation = change(conversation);
    render();
  }

  async function loadHistory() {
    const history = await client.get('/web/v1/conversations/' + encodeURIComponent(session.conversationId));
    update(current => resync(current, history));
  }

  async function post(path, body) {
    return client.post('/web/v1/visitors/' + encodeURIComponent(channelId) + path, body);
  }

  async function send(message, body, path = '/messages') {
    update(current => applyUpdate(current, { type: 'message', message }));
    try {
      await post(path, body);
      showError(null);
    } catch (error) {
      update(current => applyUpdate(current, { type: 'message', message: { id: message.id, status: 'failed' } }));
      showError(error);
    }
  }

  function context() {
    return { pageUrl: location.href, locale };
  }

  function sendText() {
    const text = input.value.trim();
    if (!text || !session) return;
    input.value = '';
    const id = newMessageId(session.visitor);
    send({ id, from: 'visitor', content: { kind: 'text', text }, status: 'sending', at: new Date().toISOString() },
      { id, text, context: context() });
  }

  function choose(option) {
    const id = newMessageId(session.visitor);
    send({ id, from: 'visitor', content: { kind: 'interactive', replyId: option.id, replyTitle: option.title },
      status: 'sending', at: new Date().toISOString() }, { id, reply: { id: option.id, title: option.title }, context: context() });
  }

  function retry(message) {
    const body = message.content.kind === 'interactive'
      ? { id: message.id, reply: { id: message.content.replyId, title: message.content.replyTitle }, context: context() }
      : { id: message.id, text: message.content.text, context: context() };
    send({ ...message, status: 'sending' }, body);
  }

  function leaveMessage(form) {
    const fields = Object.fromEntries(new FormData(form).entries());
    if (!fields.email && !fields.phone) { showError({ message: t('leaveNeedContact') }); return; }
    const id = newMessageId(session.visitor);
    leftMessage = fields.email || fields.phone;
    send({ id, from: 'visitor', content: { kind: 'text', text: fields.text }, status: 'sending', at: new Date().toISOString() },
      { id, text: fields.text, name: fields.name || null, email: fields.email || null, phone: fields.phone || null,
        context: context() }, '/leave-message').then(() => renderNotice());
  }

  function hoursList(hours) {
    const days = t('days').split(',');
    return el('ul', {}, DAY_NAMES.map((day, i) => {
      const periods = (hours.weekly && hours.weekly[day]) || [];
      return el('li', {}, days[i] + ': ' + (periods.length
        ? periods.map(p => String(p.from).slice(0, 5) + '–' + String(p.to).slice(0, 5)).join(', ') : t('closedDay')));
    }));
  }

  function renderNotice() {
    noticeNode.replaceChildren();
    if (!notice || notice.staffed) { noticeNode.hidden = true; return; }
    noticeNode.hidden = false;
    noticeNode.setAttribute('data-state', notice.withinHours ? 'no-agents' : 'after-hours');
    if (!notice.withinHours && notice.hours) {
      noticeNode.append(el('div', { class: 'hours' }, t('closedHours', { zone: notice.hours.timeZone })), hoursList(notice.hours));
      if (notice.nextOpening) {
        const when = new Date(notice.nextOpening).toLocaleString(locale, { weekday: 'long', hour: '2-digit', minute: '2-digit' });
        noticeNode.append(el('div', {}, t('nextOpening', { when })));
      }
    } else {
      noticeNode.append(el('div', {}, notice.withinHours ? t('offline') : t('closed')));
    }
    if (leftMessage) {
      noticeNode.append(el('div', { class: 'left', role: 'status' }, t('leaveThanks', { contact: leftMessage })));
      return;
    }
    const form = el('form', { class: 'leave', 'aria-label': t('leaveTitle') },
      el('div', {}, t('leave')),
      el('input', { name: 'name', autocomplete: 'name', 'aria-label': t('name'), placeholder: t('name') }),
      el('input', { name: 'email', type: 'email', autocomplete: 'email', 'aria-label': t('email'), placeholder: t('email') }),
      el('input', { name: 'phone', type: 'tel', autocomplete: 'tel', 'aria-label': t('phone'), placeholder: t('phone') }),
      el('textarea', { name: 'text', required: true, 'aria-label': t('messageLabel'), placeholder: t('placeholder') }),
      el('button', { type: 'submit' }, t('leaveSend')));
    form.addEventListener('submit', event => { event.preventDefault(); leaveMessage(form); });
    // Outside hours the form is the way to reach people, so it is open; when only the agents are away, the chat (and
    // the bot) still work, so the form waits behind its title.
    noticeNode.append(notice.withinHours ? el('details', {}, el('summary', {}, t('leaveTitle')), form) : form);
  }

  function renderContent(message, isLast) {
    const content = message.content || {};
    const parts = [];
    if (content.kind === 'interactive' && content.replyTitle) parts.push(content.replyTitle);
    else if (content.text) parts.push(...linkified(content.text));
    if (['image', 'sticker'].includes(content.kind) && isHttpUrl(content.url)) {
      parts.push(el('img', { src: content.url, alt: content.caption || t('image') }));
    } else if (['video', 'audio', 'voice', 'document'].includes(content.kind) && isHttpUrl(content.url)) {
      parts.push(el('a', { href: content.url, target: '_blank', rel: 'noopener noreferrer' }, content.filename || t('link')));
    }
    if (content.caption) parts.push(el('div', {}, ...linkified(content.caption)));
    if (Array.isArray(content.options) && content.options.length) {
      parts.push(el('div', { class: 'options', role: 'group' }, content.options.map(option => el('button', {
        type: 'button', disabled: !isLast, onclick: () => choose(option) }, option.title))));
    }
    return parts;
  }

  function render() {
    const messages = withReadMarks(conversation.messages);
    const nodes = messages.map((message, i) => {
      const visitor = message.from === 'visitor';
      const state = visitor && message.status ? el('span', { class: 'state' }, t(message.status)) : null;
      return el('div', { class: 'msg ' + message.from, 'data-id': message.id, 'data-from': message.from },
        el('span', { class: 'who' }, t(visitor ? 'you' : message.from)),
        // Only the newest answer's options can be chosen: older menus are history.
        ...renderContent(message, !visitor && i === messages.length - 1),
        state,
        message.status === 'failed' ? el('button', { type: 'button', onclick: () => retry(message) }, t('retry')) : null);
    });
    if (conversation.handoff) nodes.push(el('div', { class: 'system', 'data-handoff': conversation.handoff }, t(conversation.handoff)));
    if (conversation.ticket) nodes.push(el('div', { class: 'system', 'data-ticket': 'true' }, t('ticket')));
    if (conversation.csatPending) {
      nodes.push(el('div', { class: 'csat', role: 'group', 'aria-label': t('csat') }, el('div', {}, t('csat')),
        el('div', { class: 'options' }, [1, 2, 3, 4, 5].map(n => el('button', { type: 'button', 'aria-label': t('csatOption', { n }),
          onclick: () => { update(c => ({ ...c, csatPending: false })); choose({ id: 'csat-' + n, title: String(n) }); } }, String(n))))));
    }
    log.replaceChildren(...nodes);
    log.scrollTop = log.scrollHeight;
    statusNode.textContent = streamStatus === 'reconnecting' ? t('reconnecting') : '';
  }

  async function start() {
    client = api(base, null);
    try {
      notice = await client.get('/web/v1/channels/' + encodeURIComponent(channelId));
    } catch (error) {
      // A page whose origin the channel does not allow, or an unknown channel: show nothing rather than a broken chat.
      console.warn('Parley widget: ' + (error.message || error));
      host.remove();
      return;
    }
    renderNotice();
    const request = sessionRequest(channelId, identity, storage);
    try {
      session = await client.post('/web/v1/visitors/' + encodeURIComponent(channelId) + '/sessions', request.body);
    } catch (error) {
      showError(error);
      return;
    }
    storage?.setItem(request.storageKey, session.token);
    client = api(base, session.token, globalThis.fetch, 'Visitor');
    host.setAttribute('data-conversation', session.conversationId);
    stream = liveStream({
      url: base + '/web/v1/conversations/' + encodeURIComponent(session.conversationId) + '/stream',
      token: session.token,
      scheme: 'Visitor',
      resync: loadHistory,
      onEvent: (name, data) => update(current => applyUpdate(current, JSON.parse(data))),
      onStatus: status => { streamStatus = status; host.setAttribute('data-stream', status); render(); },
    });
  }

  start();
  return { open: () => toggle(true), close: () => toggle(false), stop: () => stream && stream.stop() };
}

const widgetScript = document.currentScript;
if (widgetScript && widgetScript.dataset.channel) {
  const boot = () => { window.Parley = startWidget(widgetScript); };
  if (document.body) boot(); else document.addEventListener('DOMContentLoaded', boot);
}
