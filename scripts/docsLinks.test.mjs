// Every relative link of the README and docs/*.md resolves: the file it names exists, and its
// #anchor is a heading of that file, as GitHub makes anchors from headings.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { anchorsOf, brokenLinks, docFiles, slug } from './docsMarkdown.mjs';

describe('links of the README and docs/', () => {
  test('GitHub-style anchors', () => {
    assert.equal(slug("Central RBAC (Backstage's RBAC plugin)"), 'central-rbac-backstages-rbac-plugin');
    assert.equal(slug('Per-user request limits (`luigi.rateLimit`)'), 'per-user-request-limits-luigiratelimit');
    assert.equal(slug('Load: one policy question per request'), 'load-one-policy-question-per-request');
    assert.deepEqual([...anchorsOf('# A\n```\n# not a heading\n```\n## A\n')], ['a', 'a-1']);
  });

  test('a broken link or anchor is found', () => {
    const files = {
      'docs/a.md': '# Title\n\n## Some section\n\n[ok](b.md#other) [self](#some-section) [`code`](#title) `[in code](#nowhere)`\n',
      'docs/b.md': '# B\n\n## Other\n',
    };
    const fs = { read: path => files[path], exists: path => path in files };
    assert.deepEqual(brokenLinks('docs/a.md', fs), []);
    files['docs/a.md'] += '[gone](missing.md) [bad anchor](b.md#nope) [bad self](#nope)\n';
    const problems = brokenLinks('docs/a.md', fs);
    assert.equal(problems.length, 3, problems.join('\n'));
    assert.match(problems[0], /no file docs\/missing\.md/);
    assert.match(problems[1], /docs\/b\.md has no heading with the anchor #nope/);
    assert.match(problems[2], /docs\/a\.md has no heading with the anchor #nope/);
  });

  for (const file of docFiles()) {
    test(`every relative link and anchor of ${file} resolves`, () => {
      assert.deepEqual(brokenLinks(file), []);
    });
  }
});
