import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NO_CLIENT_PERMISSIONS, NO_TOKEN_AUDIENCES } from 'backstage-plugin-luigi-common';
import { RegistrationValidationRules, validateRegistrations } from './validateRegistrations';

// The dev portal's rules: one allowlisted origin, two tenants by namespace.
const rules: RegistrationValidationRules = {
  allowedOrigins: new Set(['http://localhost:7100']),
  frameLimits: { allow: [], sandbox: [] },
  clientPermissions: NO_CLIENT_PERMISSIONS,
  claimRules: {
    tokenAudiences: NO_TOKEN_AUDIENCES,
    tenants: [
      { id: 'commerce', namespaces: ['default'] },
      { id: 'logistics', namespaces: ['logistics'] },
    ],
  },
};

const component = (name: string, annotations: Record<string, string>) =>
  `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  annotations: ${JSON.stringify(annotations)}
spec: { type: website, lifecycle: experimental, owner: group:default/team-billing }
`;

describe('validateRegistrations', () => {
  it("refuses, before registering, what another team's registrant claims of apps that are not theirs", async () => {
    const text = readFileSync(join(__dirname, '../../../../dev/catalog/unregistered/bobs-claims.yaml'), 'utf8');
    const answer = await validateRegistrations(text, rules);
    expect(answer.valid).toBe(false);
    expect(answer.documents.map(verdict => [verdict.entityRef, verdict.valid])).toEqual([
      ['component:default/bobs-orders', false],
      ['component:default/bobs-shipments', false],
    ]);
    expect(answer.documents[0].problems.join('\n')).toContain('luigi-project.io/token-audience');
    expect(answer.documents[1].problems.join('\n')).toContain('luigi-project.io/tenant');
  });

  it('passes a good registration and names the bad one of the same file', async () => {
    const answer = await validateRegistrations(
      [
        component('good', { 'luigi-project.io/view-url': 'http://localhost:7100/apps/good/' }),
        component('elsewhere', { 'luigi-project.io/view-url': 'https://evil.example.com/app/' }),
      ].join('---\n'),
      rules,
    );
    expect(answer.documents).toEqual([
      { document: 0, entityRef: 'component:default/good', valid: true, problems: [] },
      { document: 1, entityRef: 'component:default/elsewhere', valid: false, problems: [expect.stringContaining('https://evil.example.com')] },
    ]);
  });

  it('refuses a file of more documents than one request takes, and aliases that would blow it up', async () => {
    const many = Array.from({ length: 101 }, (_, i) => component(`app-${i}`, {})).join('---\n');
    await expect(validateRegistrations(many, rules)).rejects.toThrow('At most 100 documents per request, not 101');
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => {
      const previous = i === 0 ? 'a' : `b${i - 1}`;
      return `b${i}: &b${i} [*${previous}, *${previous}, *${previous}, *${previous}, *${previous}, *${previous}, *${previous}, *${previous}, *${previous}, *${previous}]`;
    })].join('\n');
    const answer = await validateRegistrations(bomb, rules);
    expect(answer.documents[0]).toMatchObject({ valid: false, problems: [expect.stringMatching(/^Not valid YAML: .*alias/i)] });
  });
});
