import { createMockDirectory } from '@backstage/backend-test-utils';
import { stringify } from 'yaml';
import { GOOD_CANARY, HOSTILE_ALLOWED_ORIGIN } from 'backstage-plugin-luigi-common/src/testing/hostileEntities';
import { NO_CLIENT_PERMISSIONS, NO_TOKEN_AUDIENCES } from 'backstage-plugin-luigi-common';
import { RegistrationValidationRules, validateRegistrations } from '../registrations/validateRegistrations';
import { labHostileYaml } from '../testing/hostileCatalog';
import { mockActionContext } from '../testing/mockActionContext';
import { createRegistrationValidateAction, problemLines } from './registrationValidateAction';

// The rules the hostile corpus is written against: its one allowed origin, tenants by namespace.
const rules: RegistrationValidationRules = {
  allowedOrigins: new Set([HOSTILE_ALLOWED_ORIGIN]),
  frameLimits: { allow: [], sandbox: [] },
  clientPermissions: NO_CLIENT_PERMISSIONS,
  claimRules: { tokenAudiences: NO_TOKEN_AUDIENCES, tenants: [{ id: 'lab', namespaces: ['lab'] }] },
};

const action = createRegistrationValidateAction(rules);
const workspace = createMockDirectory();

const orders = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'new-orders', annotations: { 'luigi-project.io/view-url': `${HOSTILE_ALLOWED_ORIGIN}/apps/new-orders/` } },
  spec: { type: 'website', lifecycle: 'experimental', owner: 'group:default/team-orders' },
};

async function run(input: { catalogInfoPath?: string; catalogInfo?: string }) {
  const mock = mockActionContext(input, workspace.path);
  const error = await action.handler(mock.context).then(
    () => undefined,
    (failure: Error) => failure,
  );
  return { ...mock, error };
}

describe('luigi:registration:validate', () => {
  beforeEach(() => workspace.clear());

  it('fails on the hostile corpus with the problems validateRegistrations gives, one line each, and logs them', async () => {
    const text = labHostileYaml();
    workspace.setContent({ 'catalog-info.yaml': text });
    const expected = problemLines(await validateRegistrations(text, rules));
    expect(expected.length).toBeGreaterThan(20);

    const { error, logger, outputs } = await run({});
    expect(error?.message.split('\n')).toEqual(['catalog-info.yaml is not a registration the portal accepts:', ...expected]);
    expect(logger.error.mock.calls.map(call => call[0])).toEqual(expected);
    expect(outputs.valid).toBe(false);
  });

  it('passes good registrations, from a file or as text, and outputs their refs', async () => {
    workspace.setContent({ 'app/catalog-info.yaml': [orders, GOOD_CANARY].map(entity => stringify(entity)).join('---\n') });
    const fromFile = await run({ catalogInfoPath: 'app/catalog-info.yaml' });
    expect(fromFile.error).toBeUndefined();
    expect(fromFile.outputs).toEqual({ valid: true, entityRefs: ['component:default/new-orders', 'component:lab/canary'] });

    const fromText = await run({ catalogInfo: stringify(orders) });
    expect(fromText.error).toBeUndefined();
    expect(fromText.outputs).toEqual({ valid: true, entityRefs: ['component:default/new-orders'] });
  });

  it('names a view URL on an origin the portal does not allow', async () => {
    const elsewhere = { ...orders, metadata: { ...orders.metadata, annotations: { 'luigi-project.io/view-url': 'http://localhost:7200/apps/x/' } } };
    const { error } = await run({ catalogInfo: stringify(elsewhere) });
    expect(error?.message).toMatch(/^The catalog-info\.yaml is not a registration the portal accepts:\ncomponent:default\/new-orders: .*http:\/\/localhost:7200/);
  });

  it('reads no file outside the workspace, and says what is missing', async () => {
    expect((await run({ catalogInfoPath: '../catalog-info.yaml' })).error?.message).toBe('../catalog-info.yaml is outside the workspace');
    expect((await run({})).error?.message).toBe('There is no catalog-info.yaml in the workspace');
    expect((await run({ catalogInfo: 'a: [' })).error?.message).toMatch(/^Not valid YAML/);
  });
});
