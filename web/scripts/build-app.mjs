/**
 * Builds the phone web app into web/dist/ (what the relay serves):
 *   - src/app/main.ts bundled by esbuild (from node_modules, offline) into app.<hash>.js;
 *   - static/app.css minified into app.<hash>.css;
 *   - index.html from static/index.html, naming both with Subresource Integrity (sha384), so a
 *     tampered file on the server or in a cache is refused by the browser;
 *   - manifest.webmanifest, the icons (drawn by png-icons.mjs), and sw.js with the app-shell list
 *     (the hashed names) written in.
 * Usage: npm --prefix web run build:app   (or import buildApp for another entry, as the tests do).
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { ICONS, iconPng } from './png-icons.mjs';

export const webRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Builds `entry` (default src/app/main.ts) into `outDir` (default dist/); returns the shell file names. */
export async function buildApp({ entry = join(webRoot, 'src/app/main.ts'), outDir = join(webRoot, 'dist') } = {}) {
  const staticDir = join(webRoot, 'static');
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });

  const bundle = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome111', 'safari16.4', 'firefox115'],
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    outfile: 'app.js',
    logLevel: 'warning',
  });
  const css = await esbuild.transform(await readFile(join(staticDir, 'app.css'), 'utf8'), { loader: 'css', minify: true, charset: 'utf8' });

  const script = await writeHashed(outDir, 'app', 'js', bundle.outputFiles[0].contents);
  const style = await writeHashed(outDir, 'app', 'css', Buffer.from(css.code));

  const template = await readFile(join(staticDir, 'index.html'), 'utf8');
  const index = template
    .replace('<!-- @styles -->', `<link rel="stylesheet" href="${style.name}" integrity="${style.integrity}" crossorigin="anonymous">`)
    .replace('<!-- @scripts -->', `<script type="module" src="${script.name}" integrity="${script.integrity}" crossorigin="anonymous"></script>`);
  if (index === template) throw new Error('static/index.html lost its @styles/@scripts markers');
  await writeFile(join(outDir, 'index.html'), index);

  await writeFile(join(outDir, 'manifest.webmanifest'), await readFile(join(staticDir, 'manifest.webmanifest')));
  for (const [file, size, fullBleed, scale] of ICONS) await writeFile(join(outDir, file), iconPng(size, fullBleed, scale));

  const shell = ['index.html', script.name, style.name, 'manifest.webmanifest', ...ICONS.map(([file]) => file)];
  // The worker's cache name changes whenever the page does, so a new deployment replaces the old shell.
  const version = createHash('sha256').update(index).digest('hex').slice(0, 16);
  const worker = (await readFile(join(staticDir, 'sw.js'), 'utf8'))
    .replace('/* @shell */ []', JSON.stringify(shell))
    .replace("/* @version */ 'dev'", JSON.stringify(version));
  if (!worker.includes(script.name)) throw new Error('static/sw.js lost its @shell marker');
  await writeFile(join(outDir, 'sw.js'), worker);
  return { outDir, shell, script: script.name, style: style.name };
}

/** Writes `app.<first 12 hex of SHA-256>.<ext>` and returns its name and its SRI value. */
async function writeHashed(outDir, stem, ext, bytes) {
  const name = `${stem}.${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}.${ext}`;
  await writeFile(join(outDir, name), bytes);
  return { name, integrity: `sha384-${createHash('sha384').update(bytes).digest('base64')}` };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { outDir, shell } = await buildApp();
  console.log(`built ${shell.length} shell files into ${outDir}: ${shell.join(', ')}`);
}
