// The README and docs/*.md as the docs' tests read them: which files, their links and headings'
// anchors (as GitHub makes them), and their ```yaml blocks.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The README and every Markdown file of docs/, as paths relative to the repository. */
export function docFiles() {
  return ['README.md', ...readdirSync(join(root, 'docs')).filter(name => name.endsWith('.md')).sort().map(name => `docs/${name}`)];
}

/** The lines of a Markdown text outside fenced code blocks, with their numbers. */
function proseLines(text) {
  const lines = [];
  let fence;
  text.split('\n').forEach((line, index) => {
    const marker = line.match(/^\s*(`{3,}|~{3,})/);
    if (marker) {
      if (!fence) fence = marker[1];
      else if (marker[1][0] === fence[0] && marker[1].length >= fence.length) fence = undefined;
      return;
    }
    if (!fence) lines.push({ line, number: index + 1 });
  });
  return lines;
}

/** GitHub's anchor for a heading's text: lower case, punctuation dropped, spaces become dashes. */
export function slug(heading) {
  return heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of a Markdown text's headings (a repeated heading gets -1, -2, … as on GitHub). */
export function anchorsOf(text) {
  const seen = new Map();
  const anchors = new Set();
  for (const { line } of proseLines(text)) {
    const heading = line.match(/^#{1,6}\s+(.*?)\s*#*\s*$/);
    if (!heading) continue;
    const base = slug(heading[1]);
    const count = seen.get(base) ?? 0;
    anchors.add(count === 0 ? base : `${base}-${count}`);
    seen.set(base, count + 1);
  }
  return anchors;
}

/** The links and images of a Markdown text outside code: `{ target, number }`. */
export function linksOf(text) {
  const links = [];
  for (const { line, number } of proseLines(text)) {
    const prose = line.replace(/(`+)[\s\S]*?\1/g, '');
    for (const match of prose.matchAll(/!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g)) {
      links.push({ target: match[1], number });
    }
  }
  return links;
}

/** What is wrong with each relative link of `file` (repository-relative), as messages. */
export function brokenLinks(file, { read = path => readFileSync(join(root, path), 'utf8'), exists = path => existsSync(join(root, path)) } = {}) {
  const problems = [];
  for (const { target, number } of linksOf(read(file))) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: …
    const [path, anchor] = target.split('#', 2);
    const resolved = path === '' ? file : relative(root, join(root, dirname(file), decodeURI(path)));
    const where = `${file}:${number}: ${target}`;
    if (resolved.startsWith('..') || !exists(resolved)) {
      problems.push(`${where}: no file ${resolved}`);
      continue;
    }
    if (anchor === undefined) continue;
    if (!resolved.endsWith('.md')) {
      problems.push(`${where}: an anchor into ${resolved}, which is not Markdown`);
    } else if (!anchorsOf(read(resolved)).has(anchor)) {
      problems.push(`${where}: ${resolved} has no heading with the anchor #${anchor}`);
    }
  }
  return problems;
}
/** The comment that marks the next ```yaml block as deliberately not config. */
export const NOT_CONFIG = '<!-- snippet: not-config -->';

/** The ```yaml blocks of a Markdown text: `{ source, line, notConfig }` (line: the fence's, from 1). */
export function yamlBlocks(text) {
  const lines = text.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = lines[i].match(/^(\s*)(`{3,})\s*(\S*)/);
    if (!open) continue;
    const fence = open[2];
    let end = i + 1;
    while (end < lines.length && !lines[end].trim().startsWith(fence)) end++;
    if (open[3] === 'yaml' || open[3] === 'yml') {
      let previous = i - 1;
      while (previous >= 0 && lines[previous].trim() === '') previous--;
      blocks.push({
        source: lines.slice(i + 1, end).map(line => line.slice(open[1].length)).join('\n'),
        line: i + 1,
        notConfig: previous >= 0 && lines[previous].trim() === NOT_CONFIG,
      });
    }
    i = end;
  }
  return blocks;
}

/** The documents of a YAML text, as plain values; throws on any parse error. */
export function parseYaml(source) {
  return parseAllDocuments(source).map(doc => {
    if (doc.errors.length > 0) throw new Error(doc.errors.map(error => error.message).join('\n'));
    return doc.toJS();
  });
}
