// Builds /ui/widget.js, the one classic script a page embeds: the kit (parley.js) and the widget's modules, in
// dependency order, with their import lines removed and `export` dropped, inside one function scope. No bundler, no
// npm: the sources stay plain ES modules that node:test imports directly, and nothing is copied by hand.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

const [sourceRoot, output] = process.argv.slice(2);
const modules = ['parley.js', 'widget/texts.js', 'widget/state.js', 'widget/main.js'];

const body = modules.map(module => {
  const source = readFileSync(join(sourceRoot, module), 'utf8');
  const code = source
    .replace(/^import [^;]+;\s*$/gm, '')
    .replace(/^export (function|const|let|class|async function) /gm, '$1 ');
  if (/^\s*(import|export)\s/m.test(code)) {
    throw new Error(module + ' has an import or export the widget bundle cannot inline: keep them one per line, '
      + 'at the start of a line');
  }
  return '// ---- ' + module + '\n' + code;
}).join('\n');

mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, '/* Parley web widget: built from web-ui/src/main/resources/META-INF/resources/ui by '
  + 'web-ui/src/build/bundle-widget.mjs */\n(function () {\n\'use strict\';\n' + body + '\n})();\n');
console.log('widget bundle: ' + output);
