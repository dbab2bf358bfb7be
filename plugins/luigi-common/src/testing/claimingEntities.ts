/**
 * A corpus of registrations that claim what belongs to another app or team: another app's token
 * audience, another tenant. Shared by the tests of all three packages (the rules, the catalog module,
 * the token route, the page), each run with {@link CLAIM_CONFIG}. Test data only: nothing here is
 * exported from the package's entry point.
 */
import { LUIGI_TENANT_ANNOTATION, LUIGI_TOKEN_AUDIENCE_ANNOTATION, LUIGI_VIEW_URL_ANNOTATION } from '../annotations';

/** The origin every corpus app is at, trusted: what is refused is the claim, never the URL. */
export const CLAIM_ORIGIN = 'https://apps.example.com';

/** The audience the admin assigned Orders. */
export const ORDERS_AUDIENCE = `${CLAIM_ORIGIN}/orders`;

/** The `luigi` app-config the corpus is checked against: two tenants by namespace, Orders' own audience. */
export const CLAIM_CONFIG = {
  allowedOrigins: [CLAIM_ORIGIN],
  tokens: { audiences: [{ entityRef: 'component:default/orders', audience: ORDERS_AUDIENCE }] },
  tenants: [
    { id: 'commerce', namespaces: ['default'] },
    { id: 'logistics', namespaces: ['logistics'] },
  ],
};

/** A corpus entity: a Component owned by `owner` with a trusted view and these annotations. */
export function claimingComponent(namespace: string, name: string, owner: string, annotations: Record<string, string> = {}) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      namespace,
      name,
      title: `App ${name}`,
      annotations: { [LUIGI_VIEW_URL_ANNOTATION]: `${CLAIM_ORIGIN}/${name}/`, ...annotations },
    },
    spec: { type: 'website', lifecycle: 'production', owner },
  };
}

/** The honest apps whose audiences and tenant the corpus claims; none of them has a problem. */
export const CLAIMED_APPS = [
  claimingComponent('default', 'orders', 'group:default/team-orders', { [LUIGI_TOKEN_AUDIENCE_ANNOTATION]: ORDERS_AUDIENCE }),
  claimingComponent('logistics', 'shipments', 'group:logistics/team-shipping', { [LUIGI_TENANT_ANNOTATION]: 'logistics' }),
  claimingComponent('default', 'billing', 'group:default/team-billing', { [LUIGI_TOKEN_AUDIENCE_ANNOTATION]: 'component:default/billing' }),
];

/** One claim: bob's entity (team-billing, namespace default), what it claims, and why it is refused. */
export interface ClaimCase {
  name: string;
  tests: string;
  entity: ReturnType<typeof claimingComponent>;
  /** The annotations the rules find a problem in, in order. */
  annotations: string[];
  /** A part of every reason, in order of `annotations`. */
  reasons: string[];
}

const BOB_TEAM = 'group:default/team-billing';

function claim(name: string, tests: string, annotations: Record<string, string>, reasons: Record<string, string>): ClaimCase {
  return {
    name,
    tests,
    entity: claimingComponent('default', name, BOB_TEAM, annotations),
    annotations: Object.keys(reasons),
    reasons: Object.values(reasons),
  };
}

const AUD = LUIGI_TOKEN_AUDIENCE_ANNOTATION;
const TENANT = LUIGI_TENANT_ANNOTATION;

/** The claims; every one is refused at ingestion, by the token route and on the page. */
export const CLAIM_CASES: readonly ClaimCase[] = [
  claim('claims-orders-ref', "Orders' default audience, its entity ref", { [AUD]: 'component:default/orders' }, {
    [AUD]: '"component:default/orders" belongs to component:default/orders',
  }),
  claim('claims-orders-ref-case', "Orders' entity ref in other case", { [AUD]: 'Component:Default/Orders' }, {
    [AUD]: 'belongs to component:default/orders',
  }),
  claim('claims-orders-url', 'the audience the admin assigned Orders', { [AUD]: ORDERS_AUDIENCE }, {
    [AUD]: `"${ORDERS_AUDIENCE}" belongs to component:default/orders`,
  }),
  claim('claims-shipments-ref', "another tenant's app's audience", { [AUD]: 'component:logistics/shipments' }, {
    [AUD]: 'belongs to component:logistics/shipments',
  }),
  claim('claims-unassigned-url', 'an audience no admin assigned', { [AUD]: `${CLAIM_ORIGIN}/billing` }, {
    [AUD]: 'is not assigned to component:default/claims-unassigned-url',
  }),
  claim('claims-orders-url-slash', "Orders' audience with a trailing slash", { [AUD]: `${ORDERS_AUDIENCE}/` }, {
    [AUD]: 'is not assigned',
  }),
  claim('claims-orders-zero-width', "Orders' ref behind a zero-width space", { [AUD]: 'component:default/orders\u200b' }, {
    [AUD]: 'must not contain whitespace or control characters',
  }),
  claim('claims-logistics', 'the logistics tenant from the default namespace', { [TENANT]: 'logistics' }, {
    [TENANT]: 'names tenant "logistics", but namespace default is in tenant commerce',
  }),
  claim('claims-logistics-case', 'the logistics tenant in other case', { [TENANT]: 'Logistics' }, {
    [TENANT]: 'names tenant "Logistics", but namespace default is in tenant commerce',
  }),
  claim('claims-unknown-tenant', 'a tenant that does not exist', { [TENANT]: 'atlantis' }, {
    [TENANT]: 'names tenant "atlantis"',
  }),
  claim('claims-shipments', "Shipments' tenant and audience together (the issue's attack)", {
    [TENANT]: 'logistics',
    [AUD]: 'component:logistics/shipments',
  }, {
    [AUD]: 'belongs to component:logistics/shipments',
    [TENANT]: 'namespace default is in tenant commerce',
  }),
];
