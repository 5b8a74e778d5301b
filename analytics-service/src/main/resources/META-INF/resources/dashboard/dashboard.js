// The ops dashboard: live tiles, queue and agent tables pushed over the metrics stream (coalesced by the server to
// one push a second), period KPIs and charts from /api/v1/metrics/kpis, drill-down to the conversations behind a
// figure, and a CSV export. Everything through the public metrics API with the gateway token.
import { signIn, claimsOf, api, liveStream, el, formatSeconds, formatPercent, translator } from '/ui/parley.js';

const t = translator({
  en: { title: 'Operations', team: 'Team', channel: 'Channel', period: 'Period', all: 'All', today: 'Today',
    yesterday: 'Yesterday', '7d': '7 days', '30d': '30 days', export: 'Export CSV', liveNow: 'Live now', queues: 'Queues',
    agents: 'Agents', traffic: 'Traffic', heatmap: 'Hour × weekday', handoffs: 'Handoffs by reason', csat: 'CSAT',
    topArticles: 'Top answered articles', agentTime: 'Agent time online / away', unanswered: 'Unanswered questions', hotWords: 'Hot words', close: 'Close',
    conversation: 'Conversation', status: 'Status', waiting: 'Waiting', longestWait: 'Longest wait', online: 'Online',
    away: 'Away', offline: 'Offline', load: 'Load', agent: 'Agent', presence: 'Presence', live: 'live',
    reconnecting: 'reconnecting…', withBot: 'With the bot', queued: 'Queued', assigned: 'Assigned', pending: 'Pending',
    snoozed: 'Snoozed', unattended: 'Unattended', oldest: 'oldest {wait}', slaAtRisk: 'SLA at risk', slaBreached: 'SLA breached',
    agentsOnline: 'Agents online', firstResponse: 'First response (p50)', p90: 'p90 {value}', resolution: 'Resolution (p50)',
    slaMet: 'SLA met', csatScore: 'CSAT', responses: '{rate} answered', botResolution: 'Resolved by the bot',
    handoffRate: 'Handed off', negativeSentiment: 'Negative sentiment', rightFirstTime: 'Right first time', transferRate: 'Transferred', abandonment: 'Abandoned',
    messagesIn: 'Messages in', messagesOut: 'Messages out', newConversations: 'New conversations', resolved: 'Resolved',
    nothing: 'Nothing yet', signin: 'Open the dashboard with the sign-in link that `./parley up --demo` prints (…/dashboard/#token=…).',
    conversationsBehind: 'Conversations behind “{figure}”', slaByPolicy: 'SLA by policy', policy: 'Policy',
    metric: 'Metric', measured: 'Measured', met: 'Met', 'first-reply': 'First reply', 'next-reply': 'Next reply',
    'resolution-metric': 'Resolution' },
  zh: { title: '运营中心', team: '团队', channel: '渠道', period: '时段', all: '全部', today: '今天', yesterday: '昨天',
    '7d': '7 天', '30d': '30 天', export: '导出 CSV', liveNow: '实时', queues: '队列', agents: '客服', traffic: '流量',
    heatmap: '时段热力图', handoffs: '转人工原因', csat: '满意度', topArticles: '热门问题', unanswered: '未解答问题',
    hotWords: '热词', close: '关闭', waiting: '排队', longestWait: '最长等待', online: '在线', away: '离开', offline: '离线',
    load: '负载', withBot: '机器人接待', queued: '排队中', assigned: '已分配', pending: '待处理', snoozed: '稍后处理',
    unattended: '未响应', slaAtRisk: 'SLA 即将超时', slaBreached: 'SLA 已超时', agentsOnline: '在线客服',
    firstResponse: '首次响应 (中位数)', resolution: '解决时长 (中位数)', slaMet: 'SLA 达成率', botResolution: '机器人解决率',
    handoffRate: '转人工率', nothing: '暂无数据', slaByPolicy: '各 SLA 策略达成率', policy: '策略', metric: '指标',
    measured: '计入', met: '达成' },
  ru: { title: 'Операции', team: 'Команда', channel: 'Канал', period: 'Период', all: 'Все', today: 'Сегодня',
    yesterday: 'Вчера', '7d': '7 дней', '30d': '30 дней', export: 'Экспорт CSV', liveNow: 'Сейчас', queues: 'Очереди',
    agents: 'Операторы', traffic: 'Трафик', waiting: 'Ждут', online: 'В сети', away: 'Отошли', offline: 'Не в сети',
    withBot: 'У бота', queued: 'В очереди', assigned: 'Назначены', unattended: 'Без ответа', nothing: 'Пока нет данных' },
  es: { title: 'Operaciones', team: 'Equipo', channel: 'Canal', period: 'Periodo', all: 'Todos', today: 'Hoy',
    yesterday: 'Ayer', '7d': '7 días', '30d': '30 días', export: 'Exportar CSV', liveNow: 'En vivo', queues: 'Colas',
    agents: 'Agentes', traffic: 'Tráfico', waiting: 'En espera', online: 'En línea', away: 'Ausentes', offline: 'Desconectados',
    withBot: 'Con el bot', queued: 'En cola', assigned: 'Asignadas', unattended: 'Sin atender', nothing: 'Aún no hay datos' },
});

const $ = id => document.getElementById(id);
const token = signIn();
const client = token && api('', token);
const charts = {};

document.documentElement.lang = t.language;
document.querySelectorAll('[data-text]').forEach(node => { node.textContent = t(node.dataset.text); });

function filters(extra = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries({ team: $('team').value, channel: $('channel').value, ...extra })) {
    if (value) query.set(key, value);
  }
  const text = query.toString();
  return text ? '?' + text : '';
}

function showError(error) {
  $('error').hidden = !error;
  $('error').textContent = error ? error.message : '';
}

/** A link that lists the conversations behind a figure (its drill-down name, and a key or span narrowing it). */
function drillLink(figure, label, content, extra = {}, attributes = {}) {
  return el('a', { href: '#drill', 'data-figure': figure, ...(extra.key ? { 'data-key': extra.key } : {}), ...attributes,
    onclick: event => { event.preventDefault(); drillDown(figure, label, extra); } }, content);
}

/** A figure tile; clicking it lists the conversations behind the figure. */
function tile(label, value, { sub, figure, tone, href } = {}) {
  const body = [el('div', { class: 'value' }, value), el('div', { class: 'label' }, label), sub ? el('div', { class: 'sub' }, sub) : null];
  const classes = 'tile' + (tone ? ' ' + tone : '');
  return figure ? drillLink(figure, label, body, {}, { class: classes }) : el('a', { class: classes, href }, body);
}

function count(value) {
  return value === null || value === undefined ? '–' : String(value);
}

function renderLive(live) {
  const c = live.conversations || {};
  const agents = live.agents || {};
  const sla = live.sla || {};
  $('live-tiles').replaceChildren(
    tile(t('withBot'), count(c.bot), { figure: 'bot' }),
    tile(t('queued'), count(c.queued), { figure: 'queued', tone: c.queued > 0 ? 'warn' : '' }),
    tile(t('assigned'), count(c.assigned), { figure: 'assigned' }),
    tile(t('pending'), count(c.pending), { figure: 'pending' }),
    tile(t('snoozed'), count(c.snoozed), { figure: 'snoozed' }),
    tile(t('unattended'), count(live.unattended?.count), { figure: 'unattended-now',
      sub: live.unattended?.count ? t('oldest', { wait: formatSeconds(live.unattended.oldestWaitSeconds) }) : null,
      tone: live.unattended?.count > 0 ? 'warn' : '' }),
    tile(t('slaAtRisk'), count(sla.atRisk), { figure: 'sla-at-risk', tone: sla.atRisk > 0 ? 'warn' : '' }),
    tile(t('slaBreached'), count(sla.breachedNow), { figure: 'sla-breached-now', tone: sla.breachedNow > 0 ? 'bad' : '' }),
    // people, not conversations: the tile leads to the agent table, whose rows list each agent's conversations
    tile(t('agentsOnline'), count(agents.online), { href: '#agents', sub: t('away') + ' ' + count(agents.away) + ' · '
      + t('offline') + ' ' + count(agents.offline) }));
  $('queues').tBodies[0].replaceChildren(...(live.queues || []).map(queue => el('tr', { 'data-team': queue.team },
    el('td', {}, drillLink('queued', t('queued') + ' · ' + queue.team, queue.team, { team: queue.team })),
    el('td', { class: 'waiting' }, drillLink('queued', t('queued') + ' · ' + queue.team, count(queue.waiting),
      { team: queue.team })),
    el('td', {}, formatSeconds(queue.longestWaitSeconds)), el('td', {}, count(queue.agentsOnline)),
    el('td', {}, count(queue.agentsAway)), el('td', {}, count(queue.agentsOffline)),
    el('td', {}, count(queue.load) + ' / ' + count(queue.capacity)))));
  $('agents').tBodies[0].replaceChildren(...(agents.list || []).map(agent => el('tr', { 'data-agent': agent.id },
    el('td', {}, drillLink('agent', agent.name || agent.id, agent.name || agent.id, { key: agent.id })),
    el('td', { class: 'presence-' + agent.presence }, t(agent.presence) || agent.presence),
    el('td', {}, drillLink('agent', agent.name || agent.id, count(agent.load) + ' / ' + count(agent.capacity),
      { key: agent.id })))));
  const teams = new Set([...(live.queues || []).map(queue => queue.team)]);
  const select = $('team');
  for (const team of teams) {
    if (![...select.options].some(option => option.value === team)) select.append(el('option', { value: team }, team));
  }
}

function renderKpis(kpis) {
  const volume = kpis.volume || {};
  $('kpi-tiles').replaceChildren(
    tile(t('firstResponse'), formatSeconds(kpis.firstResponse?.p50Seconds), { figure: 'first-response',
      sub: t('p90', { value: formatSeconds(kpis.firstResponse?.p90Seconds) }) }),
    tile(t('resolution'), formatSeconds(kpis.resolution?.p50Seconds), { figure: 'resolved' }),
    tile(t('slaMet'), formatPercent(kpis.slaPercentMet === null || kpis.slaPercentMet === undefined ? null
      : kpis.slaPercentMet / 100), { figure: 'sla-breached' }),
    tile(t('csatScore'), kpis.csat?.average === null || kpis.csat?.average === undefined ? '–'
      : kpis.csat.average.toFixed(1), { figure: 'csat', sub: t('responses', { rate: formatPercent(kpis.csat?.responseRate) }) }),
    tile(t('botResolution'), formatPercent(kpis.botResolutionRate), { figure: 'bot-resolved' }),
    tile(t('handoffRate'), formatPercent(kpis.handoffRate?.total), { figure: 'handoff' }),
    tile(t('negativeSentiment'), formatPercent(kpis.negativeSentimentShare), { figure: 'negative-sentiment' }),
    tile(t('rightFirstTime'), formatPercent(kpis.rightFirstTimeRate), { figure: 'right-first-time' }),
    tile(t('transferRate'), formatPercent(kpis.transferRate), { figure: 'transferred' }),
    tile(t('abandonment'), formatPercent(kpis.abandonment?.rate), { figure: 'abandoned',
      sub: count(kpis.abandonment?.count) }),
    tile(t('messagesIn'), count(volume.messagesIn), { figure: 'messages-in' }),
    tile(t('messagesOut'), count(volume.messagesOut), { figure: 'messages-out' }),
    tile(t('newConversations'), count(volume.newConversations), { figure: 'new' }),
    tile(t('resolved'), count(volume.resolved), { figure: 'resolved' }));
  $('sla').tBodies[0].replaceChildren(...listRows(kpis.sla, 4, figure => el('tr', {},
    el('td', {}, figure.policy), el('td', {}, t(figure.metric === 'resolution' ? 'resolution-metric' : figure.metric)),
    el('td', {}, count(figure.measured)),
    el('td', {}, drillLink('sla-breached', t('slaBreached') + ' · ' + figure.policy + ' · ' + figure.metric,
      formatPercent(figure.percentMet === null ? null : figure.percentMet / 100),
      { key: figure.policy + '/' + figure.metric })))));
  renderCharts(kpis);
  renderLists(kpis);
}

function listRows(items, columns, render) {
  return items && items.length ? items.map(render)
    : [el('tr', {}, el('td', { class: 'muted', colspan: String(columns) }, t('nothing')))];
}

/** An ECharts chart; a click on a bar, point or cell lists the conversations behind it ({@code drill(params)}). */
function chart(id, drill) {
  if (!charts[id]) {
    charts[id] = globalThis.echarts.init($(id));
    charts[id].on('click', params => charts[id].drill?.(params));
  }
  charts[id].drill = drill;
  return charts[id];
}

function renderCharts(kpis) {
  const series = kpis.series || [];
  // a bucket runs from its start to the next one's (the last to the period's end)
  const bucketSpan = index => ({ from: series[index].bucketStart,
    to: index + 1 < series.length ? series[index + 1].bucketStart : kpis.to });
  const seriesFigures = ['messages-in', 'messages-out', 'first-response'];
  chart('series-chart', params => drillDown(seriesFigures[params.seriesIndex], params.seriesName + ' · '
    + new Date(series[params.dataIndex].bucketStart).toLocaleString(t.language), bucketSpan(params.dataIndex))).setOption({
    animation: false, tooltip: { trigger: 'axis' }, legend: { top: 4 }, grid: { left: 40, right: 40, top: 36, bottom: 30 },
    xAxis: { type: 'time' }, yAxis: [{ type: 'value' }, { type: 'value', axisLabel: { formatter: v => formatSeconds(v) } }],
    series: [
      { name: t('messagesIn'), type: 'line', data: series.map(b => [b.bucketStart, b.messagesIn ?? 0]) },
      { name: t('messagesOut'), type: 'line', data: series.map(b => [b.bucketStart, b.messagesOut ?? 0]) },
      { name: t('firstResponse'), type: 'bar', yAxisIndex: 1, data: series.map(b => [b.bucketStart, b.firstResponseP50Seconds]) },
    ],
  }, true);
  const days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  const cells = [];
  let max = 0;
  (kpis.heatmap || []).forEach((hours, day) => (hours || []).forEach((value, hour) => {
    cells.push([hour, day, value]);
    max = Math.max(max, value);
  }));
  chart('heatmap-chart', params => drillDown('messages-in', t('messagesIn') + ' · ' + days[params.value[1]] + ' '
    + params.value[0] + ':00', { key: params.value[1] + '-' + params.value[0] })).setOption({
    animation: false, tooltip: {}, grid: { left: 40, right: 10, top: 10, bottom: 60 },
    xAxis: { type: 'category', data: [...Array(24).keys()].map(String) }, yAxis: { type: 'category', data: days },
    visualMap: { min: 0, max: Math.max(max, 1), orient: 'horizontal', left: 'center', bottom: 0, calculable: false },
    series: [{ type: 'heatmap', data: cells }],
  }, true);
  const reasons = Object.entries(kpis.handoffRate?.byReason || {});
  chart('handoff-chart', params => drillDown('handoff', t('handoffs') + ' · ' + reasons[params.dataIndex][0],
    { key: reasons[params.dataIndex][0] })).setOption({
    animation: false, tooltip: {}, grid: { left: 130, right: 20, top: 10, bottom: 30 },
    xAxis: { type: 'value' }, yAxis: { type: 'category', data: reasons.map(([reason]) => reason) },
    series: [{ type: 'bar', data: reasons.map(([, value]) => value.count) }],
  }, true);
  const distribution = kpis.csat?.distribution || {};
  chart('csat-chart', params => drillDown('csat', t('csat') + ' · ' + params.name, { key: params.name })).setOption({
    animation: false, tooltip: {}, grid: { left: 40, right: 20, top: 10, bottom: 30 },
    xAxis: { type: 'category', data: ['1', '2', '3', '4', '5'] }, yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: ['1', '2', '3', '4', '5'].map(score => distribution[score] ?? 0) }],
  }, true);
}

function listItems(items, render) {
  return items && items.length ? items.map(render) : [el('li', { class: 'muted' }, t('nothing'))];
}

function renderLists(kpis) {
  $('top-articles').replaceChildren(...listItems(kpis.topArticles, a => el('li', {},
    drillLink('article', t('topArticles') + ' · ' + a.key, a.key + ' · ' + a.count, { key: a.key }))));
  $('unanswered').replaceChildren(...listItems(kpis.unansweredQuestions, q => el('li', {},
    drillLink('unanswered-question', t('unanswered') + ' · ' + q.key, q.key + ' · ' + q.count, { key: q.key }))));
  $('agent-time').replaceChildren(...listItems(kpis.agentPresence, a => el('li', {},
    drillLink('handled-by', a.agentId, a.agentId + ' · ' + t('online') + ' ' + formatSeconds(a.onlineSeconds) + ' · '
      + t('away') + ' ' + formatSeconds(a.awaySeconds), { key: a.agentId }))));
  const words = Object.entries(kpis.hotWords || {});
  $('hot-words').replaceChildren(...(words.length ? words.map(([language, list]) => el('div', {},
    el('div', { class: 'lang' }, language), el('div', { class: 'words' }, list.map(w =>
      drillLink('hot-word', t('hotWords') + ' · ' + w.word, w.word + ' (' + w.count + ')', { key: w.word })))))
    : [el('p', { class: 'muted' }, t('nothing'))]));
}

async function drillDown(figure, label, extra = {}) {
  try {
    const rows = await client.get('/api/v1/metrics/conversations' + filters({ figure, period: $('period').value, ...extra }));
    $('drill-heading').textContent = t('conversationsBehind', { figure: label });
    $('drill-table').tBodies[0].replaceChildren(...rows.map(row => el('tr', {},
      el('td', {}, row.conversationId), el('td', {}, row.channel), el('td', {}, row.team ?? '–'),
      el('td', {}, row.status ?? '–'))));
    $('drill').hidden = false;
    $('drill').scrollIntoView();
  } catch (error) {
    showError(error);
  }
}

const KPI_REFRESH_MS = 5000;
let kpisLoadedAt = 0;

/** Period figures move with the live ones, but are heavier: at most every few seconds. */
function refreshKpisSoon() {
  if (Date.now() - kpisLoadedAt > KPI_REFRESH_MS) loadKpis();
}

async function loadKpis() {
  kpisLoadedAt = Date.now();
  try {
    renderKpis(await client.get('/api/v1/metrics/kpis' + filters({ period: $('period').value })));
    showError(null);
  } catch (error) {
    showError(error);
  }
}

async function exportCsv() {
  const response = await fetch('/api/v1/metrics/export.csv' + filters({ period: $('period').value }),
    { headers: { Authorization: 'Bearer ' + token } });
  const link = el('a', { href: URL.createObjectURL(await response.blob()), download: 'parley-conversations.csv' });
  document.body.append(link);
  link.click();
  link.remove();
}

let stream = null;
function connect() {
  stream?.stop();
  stream = liveStream({
    url: '/api/v1/metrics/stream' + filters(), token,
    resync: async () => renderLive(await client.get('/api/v1/metrics/live' + filters())),
    onEvent: (name, data) => {
      if (name === 'live') {
        renderLive(JSON.parse(data));
        refreshKpisSoon();
      }
    },
    onStatus: status => { $('status').textContent = t(status); $('status').className = 'status ' + status; },
  });
}

if (!token) {
  $('signin').hidden = false;
} else {
  const claims = claimsOf(token);
  $('tenant').textContent = claims ? claims.tenant + ' · ' + claims.agent : '';
  $('filters').addEventListener('change', () => { connect(); loadKpis(); });
  $('export').addEventListener('click', () => exportCsv().catch(showError));
  $('drill-close').addEventListener('click', () => { $('drill').hidden = true; });
  globalThis.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));
  connect();
  loadKpis();
  setInterval(loadKpis, 30000);
}
