// The admin pages' sections as plain data, apart from the page code so the unit tests can check them (every column and
// field has a label in each of the console's languages) without a browser.

/**
 * Each section: where its items live, how an item is named, its table's columns and its form's fields (text, select,
 * list, json, secret…). A column or field `x` is labelled by the text `field.x`; `translated` columns show their values
 * through the text `<column>.<value>`.
 */
export const SECTIONS = {
  agents: { path: '/api/v1/admin/agents', key: a => a.id, columns: ['id', 'displayName', 'role', 'teams', 'active'],
    fields: [{ name: 'id', fixed: true }, { name: 'displayName' }, { name: 'email', type: 'email' },
      { name: 'role', type: 'select', options: ['agent', 'admin'] }, { name: 'teams', type: 'list' },
      { name: 'skills', type: 'list' }, { name: 'languages', type: 'list' }, { name: 'capacity', type: 'json' },
      { name: 'active', type: 'checkbox' }] },
  teams: { path: '/api/v1/admin/teams', key: team => team.id, columns: ['id', 'name', 'strategy', 'members'],
    fields: [{ name: 'id', fixed: true }, { name: 'name' }, { name: 'strategy', type: 'select', options: ['balanced', 'round-robin'] },
      { name: 'offlinePolicy', type: 'select', options: ['requeue', 'keep'] }, { name: 'hoursCalendar' },
      { name: 'slaPolicy', type: 'select', options: ['', 'business-hours', 'wall-clock'] }] },
  channels: { path: '/api/v1/admin/channels', key: c => c.channel + '/' + c.accountId,
    columns: ['channel', 'accountId', 'name', 'enabled'], secretsNote: true,
    fields: [{ name: 'channel', type: 'select', options: ['whatsapp', 'messenger', 'instagram', 'api', 'web'], fixed: true },
      { name: 'accountId', fixed: true }, { name: 'name' }, { name: 'enabled', type: 'checkbox' }, { name: 'callbackUrl' },
      // Web channels only: left out when empty, as other channels refuse it.
      { name: 'allowedOrigins', type: 'list', omitEmpty: true },
      ...['appSecret', 'accessToken', 'verifyToken', 'bearerToken', 'callbackSecret', 'identitySecret']
        .map(name => ({ name, type: 'secret' }))] },
  hours: { path: '/api/v1/admin/hours', key: h => h.calendar, itemBody: h => h.hours, columns: ['calendar'], putOnly: true,
    fields: [{ name: 'calendar', fixed: true, key: true }, { name: 'timeZone' }, { name: 'weekly', type: 'json' },
      { name: 'holidays', type: 'list' }] },
  // Import: files as people keep them, sent as they are with their media type; the API reads and checks them.
  kb: { path: '/api/v1/kb/articles', key: a => a.id, columns: ['id', 'tags'], wholeJson: true,
    importer: { title: 'importKb', body: 'importBody', formats: { markdown: 'text/markdown', csv: 'text/csv', json: 'application/json' },
      request: ({ format }) => ['POST', '/api/v1/kb/import?format=' + format] } },
  flows: { path: '/api/v1/flows', key: f => f.id, columns: ['id'], wholeJson: true, putOnly: true, deletable: () => true,
    importer: { title: 'importFlow', body: 'importFlowBody', formats: { yaml: 'application/yaml', json: 'application/json' }, byId: true,
      request: ({ id }) => ['PUT', '/api/v1/flows/' + encodeURIComponent(id)] } },
  canned: { path: '/api/v1/canned-responses', key: c => c.id, columns: ['shortcut', 'title'],
    fields: [{ name: 'shortcut' }, { name: 'title' }, { name: 'body', type: 'textarea' }] },
  rules: { document: tenant => '/api/v1/routing/' + encodeURIComponent(tenant) + '/rules' },
  // One policy per priority: the workspace's own replaces the configured one; deleting it brings that back.
  sla: { path: '/api/v1/admin/sla', key: p => p.priority, putOnly: true, deletable: p => p.source === 'workspace',
    columns: ['priority', 'firstReply', 'nextReply', 'resolution', 'businessHours', 'goalPercent', 'source'],
    translated: ['priority', 'source'],
    note: 'slaNote', attainment: true,
    fields: [{ name: 'priority', type: 'select', options: ['urgent', 'high', 'normal', 'low'], fixed: true, key: true },
      { name: 'firstReply' }, { name: 'nextReply' }, { name: 'resolution' },
      { name: 'businessHours', type: 'checkbox', default: false }, { name: 'goalPercent', type: 'number' }] },
};
