// The RBAC set-up of docs/rbac.md is the dev portal's: its CSV and conditional policies blocks are the files
// dev/permissions holds (which the browser tests run), its configuration block is the dev app-config's,
// and every role a conditional policy names is a role of the CSV.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { parse, parseAllDocuments } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const read = file => readFileSync(join(root, file), 'utf8');

/** The section of `file` under `heading`, up to the next heading of its level or above (not in code). */
function docSection(file, heading) {
  const lines = read(file).split('\n');
  const start = lines.indexOf(heading);
  assert.ok(start >= 0, `${file} has a section "${heading}"`);
  const level = heading.match(/^#+/)[0].length;
  let inCode = false;
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++) {
    if (lines[i].startsWith('```')) inCode = !inCode;
    else if (!inCode && /^#+ /.test(lines[i]) && lines[i].match(/^#+/)[0].length <= level) {
      end = i;
      break;
    }
  }
  return lines.slice(start, end).join('\n');
}

const section = docSection('docs/rbac.md', '# Central RBAC (Backstage\'s RBAC plugin)');
const blocks = language => [...section.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map(m => m[1]);

test("the policy CSV of docs/rbac.md is the dev portal's", () => {
  assert.deepEqual(blocks('csv'), [read('dev/permissions/rbac-policy.csv')]);
});

test("the conditional policies of docs/rbac.md are the dev portal's", () => {
  const conditional = blocks('yaml').filter(block => block.includes('result: CONDITIONAL'));
  assert.deepEqual(conditional, [read('dev/permissions/rbac-conditional-policies.yaml')]);
});

test("the RBAC configuration of docs/rbac.md is the dev app-config's", () => {
  const config = blocks('yaml').map(block => parseAllDocuments(block).map(doc => doc.toJS())).flat().find(doc => doc?.permission?.rbac);
  assert.ok(config, 'the section has a permission.rbac block');
  assert.deepEqual(config.permission, parse(read('config/app-config.dev.yaml')).permission);
});

test('every CSV line is a grouping or a policy, and every conditional policy names a role of the CSV', () => {
  const lines = read('dev/permissions/rbac-policy.csv').trim().split('\n').map(line => line.split(',').map(field => field.trim()));
  for (const fields of lines) {
    assert.ok(
      (fields[0] === 'g' && fields.length === 3) || (fields[0] === 'p' && fields.length === 5 && ['allow', 'deny'].includes(fields[4])),
      `a valid CSV line: ${fields.join(', ')}`,
    );
  }
  const roles = new Set(lines.filter(fields => fields[0] === 'g').map(fields => fields[2]));
  const conditions = parseAllDocuments(read('dev/permissions/rbac-conditional-policies.yaml')).map(doc => doc.toJS());
  assert.equal(conditions.length, 5);
  for (const condition of conditions) {
    assert.ok(roles.has(condition.roleEntityRef), `${condition.roleEntityRef} is a role of the CSV`);
    // Opening micro apps and entering tenants are `use`; reading and cancelling scaffolder runs `read` and `use`.
    assert.deepEqual(condition.permissionMapping, condition.pluginId === 'scaffolder' ? ['read', 'use'] : ['use']);
  }
});
