// The admin pages: plain forms over the public admin APIs (workspace, SLA policies, bot, routing, canned responses). One form
// builder reads a section's field list, so every section saves, creates and deletes the same way.
import { el } from '../ui/parley.js';
import { SECTIONS } from './sections.js';

const list = value => (value || '').split(',').map(v => v.trim()).filter(Boolean);

/** Renders one admin section into `root`. */
export function renderAdmin(root, { api, t, tenant, isAdmin, section }) {
  const spec = SECTIONS[section] || SECTIONS.agents;
  const name = SECTIONS[section] ? section : 'agents';
  const status = el('p', { id: 'admin-status', role: 'status', class: 'muted' });
  const body = el('div', { id: 'admin-body' });
  // DOM's replaceChildren would write a null as the text "null": leave the absent parts out.
  root.replaceChildren(...[
    el('nav', { class: 'admin-nav', 'aria-label': t('admin') }, Object.keys(SECTIONS).map(s =>
      el('a', { href: '#/admin/' + s, 'aria-current': s === name ? 'page' : null }, t(s)))),
    el('h2', {}, t(name)),
    isAdmin ? null : el('p', { class: 'notice' }, t('adminOnly')),
    status, body].filter(Boolean));

  const report = (text, isError) => { status.textContent = text; status.className = isError ? 'notice error' : 'muted'; };
  const guard = async (what, call) => {
    try {
      const result = await call();
      report(t('saved'));
      return result === undefined ? null : result;
    } catch (e) {
      const problems = (e.problems || []).map(p => p.detail || p.message || JSON.stringify(p)).join('; ');
      report(t('failed', { what, why: e.message + (problems ? ' (' + problems + ')' : '') }), true);
      return undefined;
    }
  };

  if (spec.document) return documentEditor(spec.document(tenant));
  return itemsEditor();

  async function itemsEditor() {
    let items = [];
    try {
      items = await api.get(spec.path);
    } catch (e) {
      return report(t('failed', { what: t(name), why: e.message }), true);
    }
    const form = el('form', { id: 'admin-form', class: 'admin-form' });
    body.replaceChildren(...[
      el('table', { class: 'grid', id: 'admin-items' },
        el('thead', {}, el('tr', {}, spec.columns.map(c => el('th', { scope: 'col' }, t('field.' + c))),
          el('th', { scope: 'col' }, t('actions')))),
        el('tbody', {}, items.map(item => el('tr', { 'data-key': spec.key(item) },
          spec.columns.map(c => el('td', { 'data-value': display(item[c]) }, cell(c, item[c]))),
          el('td', {}, el('button', { type: 'button', onclick: () => fill(form, item) }, t('edit'))))))),
      el('button', { type: 'button', id: 'admin-new', onclick: () => fill(form, null) }, t('newItem')),
      form,
      spec.importer ? importer() : null,
      spec.attainment ? await attainment() : null].filter(Boolean));
    fill(form, null);
  }

  /** A table cell in the reader's language: yes/no for flags, a text per value for the section's `translated` columns. */
  function cell(column, value) {
    if (typeof value === 'boolean') return t(value ? 'yes' : 'no');
    return value === null || value === undefined ? '' : option(column, value);
  }

  /** A value as the reader reads it: its text for the section's `translated` columns, else as the API has it. */
  function option(column, value) {
    return (spec.translated || []).includes(column) ? t(column + '.' + value) : display(value);
  }

  function fill(form, item) {
    const existing = item !== null;
    const fields = spec.wholeJson ? [{ name: 'document', type: 'json' }] : spec.fields;
    const source = spec.wholeJson ? { document: item || {} } : { ...(item || {}), ...((item && spec.itemBody) ? spec.itemBody(item) : {}) };
    form.replaceChildren(...[
      el('h3', {}, existing ? t('edit') + ' ' + spec.key(item) : t('create')),
      spec.secretsNote ? el('p', { class: 'muted' }, t('secretsWriteOnly')) : null,
      spec.note ? el('p', { class: 'muted' }, t(spec.note)) : null,
      ...fields.map(field => input(field, source[field.name], existing)),
      el('button', { type: 'submit' }, t('save')),
      existing && (spec.deletable ? spec.deletable(item) : !spec.putOnly) ? el('button', { type: 'button', class: 'danger',
        onclick: () => remove(item) }, t('delete')) : null].filter(Boolean));
    form.onsubmit = event => { event.preventDefault(); save(form, item); };
  }

  function input(field, value, existing) {
    const id = 'field-' + field.name;
    const label = el('label', { for: id }, t('field.' + field.name));
    let control;
    if (field.type === 'select') {
      control = el('select', { id, disabled: field.fixed && existing ? true : null },
        field.options.map(o => el('option', { value: o, selected: o === (value ?? '') }, o ? option(field.name, o) : '—')));
    } else if (field.type === 'checkbox') {
      control = el('input', { id, type: 'checkbox', checked: value === undefined ? field.default ?? true : Boolean(value) });
    } else if (field.type === 'json' || field.type === 'textarea') {
      control = el('textarea', { id, rows: field.type === 'json' && spec.wholeJson ? 16 : 4, spellcheck: 'false' });
      control.value = field.type === 'json' ? (value === undefined ? '' : JSON.stringify(value, null, 2)) : (value || '');
    } else {
      control = el('input', { id, type: field.type === 'secret' ? 'password' : field.type === 'email' ? 'email'
        : field.type === 'number' ? 'number' : 'text',
        autocomplete: field.type === 'secret' ? 'new-password' : 'off',
        value: field.type === 'secret' ? '' : field.type === 'list' ? (value || []).join(', ') : (value ?? ''),
        readonly: field.fixed && existing ? true : null });
    }
    return el('div', { class: 'field' }, label, control);
  }

  function read(form) {
    if (spec.wholeJson) return JSON.parse(form.querySelector('#field-document').value || '{}');
    const body = {};
    for (const field of spec.fields) {
      const control = form.querySelector('#field-' + field.name);
      if (field.type === 'checkbox') body[field.name] = control.checked;
      else if (field.type === 'list') {
        const values = list(control.value);
        if (values.length || !field.omitEmpty) body[field.name] = values;
      }
      else if (field.type === 'json') { if (control.value.trim()) body[field.name] = JSON.parse(control.value); }
      else if (field.type === 'secret' || field.type === 'select') { if (control.value) body[field.name] = control.value; }
      else if (field.type === 'number') { if (control.value !== '') body[field.name] = Number(control.value); }
      else if (control.value !== '') body[field.name] = control.value;
    }
    return body;
  }

  async function save(form, item) {
    let data;
    try {
      data = read(form);
    } catch (e) {
      return report(t('failed', { what: t('save'), why: e.message }), true);
    }
    const keyField = spec.fields && spec.fields.find(f => f.key);
    const key = item ? spec.key(item) : keyField ? data[keyField.name] : spec.putOnly ? data.id : null;
    if (keyField) delete data[keyField.name];
    const done = key
      ? await guard(t('save'), () => api.put(spec.path + '/' + key.split('/').map(encodeURIComponent).join('/'), data))
      : await guard(t('create'), () => api.post(spec.path, data));
    if (done !== undefined) itemsEditor();
  }

  async function remove(item) {
    const key = spec.key(item);
    if (await guard(t('delete'), () => api.delete(spec.path + '/' + key.split('/').map(encodeURIComponent).join('/'))) !== undefined) {
      itemsEditor();
    }
  }

  /** The section's import form: a file's text in one of its formats (a flow also needs the id it is saved under). */
  function importer() {
    const imports = spec.importer;
    const format = el('select', { id: 'import-format' }, Object.keys(imports.formats).map(f => el('option', { value: f }, f)));
    const id = imports.byId ? el('input', { id: 'import-id', required: true }) : null;
    const text = el('textarea', { id: 'import-body', rows: 8, spellcheck: 'false' });
    return el('form', { class: 'admin-form', onsubmit: async event => {
      event.preventDefault();
      const [method, path] = imports.request({ format: format.value, id: id && id.value.trim() });
      if (await guard(t('import'), () => api.raw(method, path, imports.formats[format.value], text.value)) !== undefined) {
        itemsEditor();
      }
    } }, ...[
      el('h3', {}, t(imports.title)),
      el('label', { for: 'import-format' }, t('importFormat')), format,
      id ? el('label', { for: 'import-id' }, t('importId')) : null, id,
      el('label', { for: 'import-body' }, t(imports.body)), text,
      el('button', { type: 'submit', id: 'import-submit' }, t('import'))].filter(Boolean));
  }

  async function documentEditor(path) {
    const area = el('textarea', { id: 'document', rows: 20, spellcheck: 'false', 'aria-label': t(name) });
    try {
      area.value = JSON.stringify(await api.get(path), null, 2);
    } catch (e) {
      report(t('failed', { what: t(name), why: e.message }), true);
    }
    body.replaceChildren(el('form', { class: 'admin-form', onsubmit: async event => {
      event.preventDefault();
      let document;
      try {
        document = JSON.parse(area.value);
      } catch (e) {
        return report(t('failed', { what: t('save'), why: e.message }), true);
      }
      await guard(t('save'), () => api.put(path, document));
    } }, area, el('button', { type: 'submit' }, t('save'))));
  }

  /** How many conversations met each policy's targets (the ticket service's measure). */
  async function attainment() {
    const report = await api.get('/api/v1/sla/attainment').catch(() => null);
    return el('section', {},
      el('h3', {}, t('attainment')),
      el('table', { class: 'grid', id: 'sla-attainment' },
        el('thead', {}, el('tr', {}, [t('policy'), t('metric'), t('measured'), t('met'), '%', t('target')].map(c => el('th', { scope: 'col' }, c)))),
        el('tbody', {}, ((report && report.figures) || []).map(f => el('tr', {},
          el('td', {}, f.policy), el('td', { 'data-value': f.metric }, t('metric.' + f.metric)), el('td', {}, f.measured), el('td', {}, f.met),
          el('td', {}, display(f.percentMet)), el('td', {}, f.target ? f.target.percent + '% ≤ ' + f.target.within : ''))))));
  }
}

function display(value) {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(v => (typeof v === 'object' ? v.id || JSON.stringify(v) : v)).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
