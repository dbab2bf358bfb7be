import { BackstageUserPrincipal, createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonObject } from '@backstage/types';
import { startLuigiTestBackend, testBackendForSuite, userInfoOwning, withTestBackend } from './testBackend';
import { tenantPolicy } from './tenantPolicy';

/** The tenant tests' users; what each may do is {@link tenantTestPolicy}'s. */
export const ALICE = 'user:default/alice';
/** See {@link ALICE}. */
export const BOB = 'user:default/bob';
/** See {@link ALICE}. */
export const CAROL = 'user:default/carol';
/** See {@link ALICE}. */
export const DAVE = 'user:default/dave';
/** See {@link ALICE}. */
export const ERIN = 'user:default/erin';

/** A request's authorization header for this user. */
export const as = (user: string) => mockCredentials.user.header(user);

/** A Component in this namespace with these annotations. */
export function component(namespace: string, name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace, annotations },
    spec: { type: 'website', lifecycle: 'production', owner: 'team-orders' },
  };
}

const view = (url: string) => ({ 'luigi-project.io/view-url': url });

/**
 * The tenant tests' catalog: commerce (namespace default), logistics (namespace logistics, narrowed
 * to https://apps.example.com), retail (namespace retail), entities of each, entities of none, and
 * one entity (`private`) bob may not read.
 */
export const TENANT_ENTITIES: Entity[] = [
  component('default', 'orders', view('https://apps.example.com/orders/')),
  component('logistics', 'shipments', view('https://apps.example.com/shipments/')),
  component('logistics', 'outside', view('https://other.example.com/outside/')),
  component('logistics', 'mixed', {
    'luigi-project.io/view-url': 'https://other.example.com/mixed/',
    'luigi-project.io/views': 'Settings=https://apps.example.com/mixed/settings',
  }),
  component('default', 'relocated', { ...view('https://apps.example.com/relocated/'), 'luigi-project.io/tenant': 'logistics' }),
  component('default', 'stray', { ...view('https://apps.example.com/stray/'), 'luigi-project.io/tenant': 'nowhere' }),
  component('payments', 'ledger', view('https://apps.example.com/ledger/')),
  component('retail', 'till', view('https://other.example.com/till/')),
  component('default', 'private', view('https://apps.example.com/private/')),
];

/** The tenants of the tenant tests, and the global allowlist they narrow. */
export const TENANTS_CONFIG = {
  allowedOrigins: ['https://apps.example.com', 'https://other.example.com/'],
  tenants: [
    { id: 'commerce', title: 'Commerce', namespaces: ['default'] },
    { id: 'logistics', title: 'Logistics', namespaces: ['logistics'], allowedOrigins: ['https://apps.example.com/'] },
    { id: 'retail', namespaces: ['retail'] },
  ],
};

/** Every catalog request of the tenant tests' catalog, as asked. */
export const catalogCalls: Array<{ method: string; request: unknown; userEntityRef?: string }> = [];

const userOf = (options: any) => (options?.credentials?.principal as BackstageUserPrincipal | undefined)?.userEntityRef;

/** The catalog with its own read rule (`private` is hidden from bob); it sees the caller's credentials. */
export const tenantTestCatalog = createServiceFactory({
  service: catalogServiceRef,
  deps: {},
  factory() {
    const inMemory = catalogServiceMock({ entities: TENANT_ENTITIES });
    const byRef = inMemory.getEntityByRef.bind(inMemory);
    const byRefs = inMemory.getEntitiesByRefs.bind(inMemory);
    const PRIVATE = 'component:default/private';
    return Object.assign(inMemory, {
      async getEntityByRef(ref: any, options?: any) {
        const user = userOf(options);
        catalogCalls.push({ method: 'getEntityByRef', request: ref, userEntityRef: user });
        if (!user) throw new Error('the catalog was asked without user credentials');
        return ref === PRIVATE && user === BOB ? undefined : byRef(ref, options);
      },
      async getEntitiesByRefs(request: any, options?: any) {
        const user = userOf(options);
        catalogCalls.push({ method: 'getEntitiesByRefs', request, userEntityRef: user });
        if (!user) throw new Error('the catalog was asked without user credentials');
        const { items } = await byRefs(request, options);
        return { items: items.map((item, i) => (request.entityRefs[i] === PRIVATE && user === BOB ? undefined : item)) };
      },
    });
  },
});

/** Users own themselves and their team, as the userInfo service says. */
export const tenantTestUserInfo = userInfoOwning('group:default/team-orders');

/**
 * The tenant tests' policy: alice enters every tenant (ALLOW), bob commerce and dave commerce and
 * logistics (CONDITIONAL, IS_TENANT), carol none (DENY), erin's decision fails. All but dave may open
 * micro frontends.
 */
export const tenantTestPolicy = tenantPolicy('tenant-test-policy', {
  tenants: {
    [ALICE]: 'allow',
    [BOB]: { isTenant: ['commerce'] },
    [CAROL]: 'deny',
    [DAVE]: { isTenant: ['commerce', 'logistics'] },
    [ERIN]: 'fail',
  },
  openers: [ALICE, BOB, CAROL, ERIN],
});

/** The permission framework on, the tenants configured. */
export const TENANTS_ON_PERMISSION_FRAMEWORK: JsonObject = { permission: { enabled: true }, luigi: TENANTS_CONFIG };

/** The permission framework off, the tenants configured, and app-config opening access to every signed-in user. */
export const TENANTS_OPEN_TO_EVERY_SIGNED_IN_USER: JsonObject = {
  luigi: { ...TENANTS_CONFIG, access: { openToEverySignedInUser: true } },
};

/** The permission framework on, no tenants configured: the tenant tests' global allowlist alone. */
export const PERMISSION_FRAMEWORK_WITHOUT_TENANTS: JsonObject = {
  permission: { enabled: true },
  luigi: { allowedOrigins: TENANTS_CONFIG.allowedOrigins },
};

/** Starts the luigi plugin with the tenant tests' catalog, users, permission backend and policy. */
export function startTenantBackend(config: JsonObject, features: any[] = []) {
  return startLuigiTestBackend(config, [
    tenantTestCatalog,
    tenantTestUserInfo,
    import('@backstage/plugin-permission-backend'),
    tenantTestPolicy,
    ...features,
  ]);
}

/**
 * The tenant backend ({@link startTenantBackend}) on {@link TENANTS_ON_PERMISSION_FRAMEWORK}, with
 * these further features, for the tests of the enclosing `describe` block: see {@link testBackendForSuite}.
 */
export function tenantBackendForSuite(features: any[] = []) {
  return testBackendForSuite(() => startTenantBackend(TENANTS_ON_PERMISSION_FRAMEWORK, features));
}

/** Runs `test` against a tenant backend ({@link startTenantBackend}) with this app-config, stopped afterwards. */
export function withTenantBackend<T>(config: JsonObject, test: (url: string) => Promise<T>): Promise<T> {
  return withTestBackend(startTenantBackend(config), test);
}

/** POSTs a JSON body to a route of the luigi plugin. */
export async function post(url: string, path: string, body: unknown, authorization?: string) {
  const response = await fetch(`${url}/api/luigi${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

/** GETs a route of the luigi plugin. */
export async function get(url: string, path: string, authorization?: string) {
  const response = await fetch(`${url}/api/luigi${path}`, { headers: authorization ? { authorization } : {} });
  return { status: response.status, body: await response.json().catch(() => undefined) };
}
