import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { webRoot } from '../support/paths.js';

/** Every file of the app and its static shell, so a new module cannot quietly add an HTML sink. */
function appFiles(): string[] {
  const roots = [join(webRoot, 'src', 'app'), join(webRoot, 'static')];
  return roots.flatMap((root) => readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(ts|js|html)$/u.test(f)).map((f) => join(root, f)));
}

const FORBIDDEN: readonly [RegExp, string][] = [
  [/\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write/u, 'an HTML sink'],
  [/\beval\s*\(|new Function\b|setTimeout\(\s*['"`]/u, 'code from a string'],
  [/\.style\.|setAttribute\(\s*['"]style|\sstyle=|<style/u, 'an inline style'],
];
/** In the page template only: comments in code may well mention a <script>. */
const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)/u;

test('no app file uses an HTML sink, code from a string, an inline style or an inline script', () => {
  const files = appFiles();
  assert.ok(files.length > 20);
  const found = files.flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const found = FORBIDDEN.filter(([pattern]) => pattern.test(text)).map(([, what]) => `${file}: ${what}`);
    return file.endsWith('.html') && INLINE_SCRIPT.test(text) ? [...found, `${file}: an inline script`] : found;
  });
  assert.deepEqual(found, []);
});
