import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TEXTS } from '../../main/resources/META-INF/resources/console/texts.js';

test('every console text exists in Chinese, Russian and Spanish, with the same placeholders as in English', () => {
  const placeholders = text => [...text.matchAll(/\{(\w+)\}/g)].map(m => m[1]).sort();
  for (const language of ['zh', 'ru', 'es']) {
    assert.deepEqual(Object.keys(TEXTS[language]).sort(), Object.keys(TEXTS.en).sort(), language + ' has other keys');
    for (const [key, text] of Object.entries(TEXTS.en)) {
      assert.deepEqual(placeholders(TEXTS[language][key]), placeholders(text), language + ' ' + key);
    }
  }
});

test('every text the console asks for by name exists in English', async () => {
  const { readFile } = await import('node:fs/promises');
  const root = new URL('../../main/resources/META-INF/resources/console/', import.meta.url);
  const missing = [];
  for (const file of ['app.js', 'admin.js']) {
    const source = await readFile(new URL(file, root), 'utf8');
    for (const [, key] of source.matchAll(/\bt\('([\w.]+)'\s*[,)]/g)) {
      if (!(key in TEXTS.en)) missing.push(file + ': ' + key);
    }
  }
  assert.deepEqual(missing, []);
});

test('every admin table column and form field is labelled in words, not by its API field name', async () => {
  const { SECTIONS } = await import('../../main/resources/META-INF/resources/console/sections.js');
  const missing = [];
  for (const [name, spec] of Object.entries(SECTIONS)) {
    const fields = spec.wholeJson ? [{ name: 'document' }] : spec.fields || [];
    for (const column of [...(spec.columns || []), ...fields.map(field => field.name)]) {
      if (!('field.' + column in TEXTS.en)) missing.push(name + ': ' + column);
    }
    for (const key of spec.importer ? [spec.importer.title, spec.importer.body] : []) {
      if (!(key in TEXTS.en)) missing.push(name + ': import ' + key);
    }
  }
  assert.deepEqual(missing, []);
  const sla = SECTIONS.sla;
  assert.deepEqual(sla.columns.map(column => TEXTS.en['field.' + column]),
    ['Priority', 'First reply within', 'Next reply within', 'Resolution within', 'Business hours only', 'Goal (%)', 'Source']);
  for (const value of ['urgent', 'high', 'normal', 'low']) assert.ok('priority.' + value in TEXTS.en, value);
  for (const value of ['workspace', 'configured']) assert.ok('source.' + value in TEXTS.en, value);
  // The attainment table's metrics, as ticket-service names them (SlaMetric).
  for (const value of ['first-reply', 'next-reply', 'resolution']) assert.ok('metric.' + value in TEXTS.en, value);
});
