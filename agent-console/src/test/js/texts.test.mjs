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
