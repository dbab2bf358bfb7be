// Every config snippet of the README and docs/*.md is what it claims to be: each ```yaml block parses,
// and each with a top-level `luigi` key passes the plugins' config schemas (config/config.d.ts and
// plugins/luigi-backend/config.d.ts, loaded by Backstage's config loader as a backend loads them),
// undeclared keys refused. A block that is deliberately not config is marked with the comment
// `<!-- snippet: not-config -->` on the line before it (blank lines between allowed); it must still parse.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { loadConfigSchema } from '@backstage/config-loader';
import { docFiles, NOT_CONFIG, parseYaml, root, yamlBlocks } from './docsMarkdown.mjs';

let schema;
before(async () => {
  schema = await loadConfigSchema({
    dependencies: ['backstage-plugin-luigi', 'backstage-plugin-luigi-backend'],
    excludePackageDependencies: true,
    noUndeclaredProperties: true,
  });
});

/** Validates a document's `luigi` key against the plugins' schemas; throws with the schema's message. */
function checkLuigiConfig(document) {
  schema.process([{ data: { luigi: document.luigi }, context: 'snippet' }]);
}

describe('config snippets of the README and docs/', () => {
  test('a broken snippet fails: bad YAML, an unknown key, a wrong type or value', () => {
    assert.throws(() => parseYaml('luigi:\n  allowedOrigins: [https://a.example.com\n'));
    assert.throws(() => parseYaml('luigi:\n allowedOrigins: x\n  loadTimeoutMs: 1\n'));
    assert.throws(() => checkLuigiConfig({ luigi: { allowedOrigin: ['https://apps.example.com'] } }), /additional properties/);
    assert.throws(() => checkLuigiConfig({ luigi: { loadTimeoutMs: 'soon' } }), /must be number/);
    assert.throws(() => checkLuigiConfig({ luigi: { frames: { referrerPolicy: 'unsafe-url' } } }), /allowed values/);
    assert.throws(() => checkLuigiConfig({ luigi: { accessRequests: { enabled: 'yes' } } }), /must be boolean/);
    checkLuigiConfig({ luigi: { allowedOrigins: ['https://apps.example.com'], tokens: { lifetime: { minutes: 5 } } } });
  });

  test('a marked block is found as not config; a block in a list is read without its indent', () => {
    const blocks = yamlBlocks(`text\n\n${NOT_CONFIG}\n\n\`\`\`yaml\na: 1\n\`\`\`\n\n- item:\n\n  \`\`\`yaml\n  luigi:\n    loadTimeoutMs: 1\n  \`\`\`\n`);
    assert.deepEqual(blocks, [
      { source: 'a: 1', line: 5, notConfig: true },
      { source: 'luigi:\n  loadTimeoutMs: 1', line: 11, notConfig: false },
    ]);
  });

  const all = docFiles().flatMap(file => yamlBlocks(readFileSync(join(root, file), 'utf8')).map(block => ({ file, ...block })));

  test('the docs have config snippets to check', () => {
    assert.ok(all.filter(block => !block.notConfig && /^luigi:/m.test(block.source)).length >= 10);
  });

  for (const { file, source, line, notConfig } of all) {
    test(`${file}:${line} ${notConfig ? 'parses (not config)' : 'parses, and its luigi config passes the schemas'}`, () => {
      const documents = parseYaml(source);
      if (notConfig) return;
      for (const document of documents) {
        if (document && typeof document === 'object' && 'luigi' in document) checkLuigiConfig(document);
      }
    });
  }
});
