import {existsSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {createRequire} from 'node:module';
import path from 'node:path';
import {z} from 'zod';
import {PamphletError} from '../errors.js';
import type {Template, TemplateFont} from './template.js';
import {inlineCustomProperties, rootCustomProperties} from './theme-properties.js';
import {PACKAGE_ROOT} from '../package-root.js';

/** Bundled templates live in the package's own templates/ folder. */
export const BUNDLED_TEMPLATES = path.join(PACKAGE_ROOT, 'templates');

const Manifest = z.strictObject({
  name: z.string(),
  description: z.string().optional(),
  /** Font stylesheets from OFL font packages, e.g. "@fontsource/source-serif-4/latin-400.css". */
  fonts: z.array(z.string()).default([]),
});

const FONT_FACE = /@font-face\s*{[^}]*}/g;

/** Read a font package's @font-face rules and point their sources at `fonts/<file>` (WOFF2 only). */
async function loadFontCss(entry: string, resolveFrom: string): Promise<{css: string; fonts: TemplateFont[]}> {
  // A template's own node_modules first (a user may add fonts), then Pamphlet's.
  const cssPath = [createRequire(path.join(resolveFrom, 'template.json')), createRequire(import.meta.url)]
    .map((require) => {
      try {
        return require.resolve(entry);
      } catch {
        return undefined;
      }
    })
    .find(Boolean);
  if (!cssPath) {
    throw new PamphletError('E_TEMPLATE', `template font "${entry}" is not installed; run "npm install ${entry.split('/').slice(0, 2).join('/')}" or remove it from template.json`);
  }
  const css = await readFile(cssPath, 'utf8');
  const fonts: TemplateFont[] = [];
  const rules = (css.match(FONT_FACE) ?? []).map((rule) => {
    const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(rule)?.[1];
    if (!file) return '';
    fonts.push({
      family: /font-family:\s*'([^']+)'/.exec(rule)?.[1] ?? 'serif',
      weight: Number(/font-weight:\s*(\d+)/.exec(rule)?.[1] ?? 400),
      style: /font-style:\s*italic/.test(rule) ? 'italic' : 'normal',
      file,
      path: path.join(path.dirname(cssPath), 'files', file),
    });
    return rule
      .replace(/src:[^;]+;/, `src: url(fonts/${file}) format('woff2');`)
      .replace(/\s*font-display:[^;]+;/, '');
  });
  return {css: rules.filter(Boolean).join('\n'), fonts};
}

const cache = new Map<string, Promise<Template>>();

function templateDir(nameOrPath: string, cwd: string): string {
  const asPath = path.resolve(cwd, nameOrPath);
  if (nameOrPath.includes('/') || nameOrPath.startsWith('.')) return asPath;
  const local = path.join(cwd, 'templates', nameOrPath);
  if (existsSync(path.join(local, 'template.json'))) return local;
  return path.join(BUNDLED_TEMPLATES, nameOrPath);
}

async function readTemplate(dir: string): Promise<Template> {
  const read = (file: string) =>
    readFile(path.join(dir, file), 'utf8').catch(() => {
      throw new PamphletError('E_TEMPLATE', `template ${dir}: missing ${file}; every template needs template.json, document.liquid, article.liquid, print.css and epub.css`);
    });
  const parsed = Manifest.safeParse(JSON.parse(await read('template.json')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PamphletError('E_TEMPLATE', `template ${dir}/template.json: key "${issue?.path.join('.')}": ${issue?.message}`);
  }
  const fontParts = await Promise.all(parsed.data.fonts.map((entry) => loadFontCss(entry, dir)));
  const [html, article, printCss, epubCss] = await Promise.all([read('document.liquid'), read('article.liquid'), read('print.css'), read('epub.css')]);
  return {
    name: parsed.data.name,
    dir,
    html,
    article,
    fontCss: fontParts.map((part) => part.css).join('\n'),
    printCss,
    // EPUB readers ignore custom properties: write in the print theme's values.
    epubCss: inlineCustomProperties(epubCss, rootCustomProperties(printCss)),
    fonts: fontParts.flatMap((part) => part.fonts),
  };
}

/** Load a template by bundled name ("pamphlet"), by name under ./templates, or by path; once per process. */
export function loadTemplate(nameOrPath = 'pamphlet', cwd = process.cwd()): Promise<Template> {
  const dir = templateDir(nameOrPath, cwd);
  if (!existsSync(path.join(dir, 'template.json'))) {
    return Promise.reject(new PamphletError('E_TEMPLATE', `template "${nameOrPath}" not found (looked in ${dir}); use a bundled name such as "pamphlet" or a folder path`));
  }
  let template = cache.get(dir);
  if (!template) {
    template = readTemplate(dir);
    cache.set(dir, template);
  }
  return template;
}
