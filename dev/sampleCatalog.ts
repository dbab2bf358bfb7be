import { Entity } from '@backstage/catalog-model';

/** Origins of the sample micro app server started by `npm start` (see dev/microApps). */
export const TRUSTED_ORIGIN = 'http://localhost:7100';
/** A second origin, deliberately not allowlisted: nothing there may ever be framed or get a token. */
export const UNTRUSTED_ORIGIN = 'http://localhost:7200';

function component(
  name: string,
  annotations: Record<string, string>,
  extra: { title?: string; description?: string; system?: string; owner?: string } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      title: extra.title,
      description: extra.description,
      annotations,
    },
    spec: {
      type: 'website',
      lifecycle: 'production',
      owner: extra.owner ?? 'group:default/team-orders',
      system: extra.system,
    },
  };
}

const viewUrl = (url: string) => ({ 'luigi-project.io/view-url': url });

/** Micro apps that work: two categories, one from `spec.system`, one from the category annotation. */
const workingApps: Entity[] = [
  component(
    'orders',
    {
      ...viewUrl(`${TRUSTED_ORIGIN}/apps/orders/`),
      // Further views on the entity page's tab; the untrusted one is refused there with its reason.
      'luigi-project.io/views': [
        `Settings=${TRUSTED_ORIGIN}/apps/orders/settings`,
        `Stock=${TRUSTED_ORIGIN}/apps/inventory/`,
        `Untrusted=${UNTRUSTED_ORIGIN}/recorder/`,
      ].join('\n'),
    },
    { title: 'Orders', description: 'Open and past orders', system: 'commerce' },
  ),
  component('inventory', viewUrl(`${TRUSTED_ORIGIN}/apps/inventory/`), {
    title: 'Inventory',
    description: 'Stock levels per warehouse',
    system: 'commerce',
  }),
  component(
    'billing',
    { ...viewUrl(`${TRUSTED_ORIGIN}/apps/billing/`), 'luigi-project.io/category': 'Finance' },
    { title: 'Billing', description: 'Invoices and <b>payments</b>', owner: 'group:default/team-billing' },
  ),
  component(
    'reports',
    { ...viewUrl(`${TRUSTED_ORIGIN}/apps/reports/`), 'luigi-project.io/category': 'Finance' },
    { title: 'Reports', description: 'Monthly figures', owner: 'group:default/team-billing' },
  ),
];

/** Micro apps on a trusted origin that never complete the Luigi handshake: the error panel shows. */
const failingApps: Entity[] = [
  component(
    'broken-404',
    { ...viewUrl(`${TRUSTED_ORIGIN}/fail/404`), 'luigi-project.io/category': 'Broken examples' },
    { title: 'Broken: 404' },
  ),
  component(
    'broken-no-frame',
    { ...viewUrl(`${TRUSTED_ORIGIN}/fail/no-frame`), 'luigi-project.io/category': 'Broken examples' },
    { title: 'Broken: refuses framing' },
  ),
  component(
    'broken-no-handshake',
    { ...viewUrl(`${TRUSTED_ORIGIN}/fail/no-handshake`), 'luigi-project.io/category': 'Broken examples' },
    { title: 'Broken: no Luigi client' },
  ),
];

/** One entity per rejection rule: each is listed in the page's diagnostics and never framed. */
const rejectedApps: Entity[] = [
  component('untrusted-recorder', viewUrl(`${UNTRUSTED_ORIGIN}/recorder/`), {
    title: 'Untrusted origin',
  }),
  component('plain-http', viewUrl('http://apps.example.com/orders/'), { title: 'Plain http' }),
  component('script-url', viewUrl('javascript:alert(document.cookie)'), {
    title: '<img src=x onerror=alert(1)> Script URL',
  }),
  component('data-url', viewUrl('data:text/html,<h1>hi</h1>'), { title: 'Data URL' }),
  component('relative-url', viewUrl('/apps/orders/'), { title: 'Relative URL' }),
  component('malformed-url', viewUrl('https://exa mple.com:99999/'), { title: 'Malformed URL' }),
];

/** Entities without the annotation, which the plugin must not even fetch. */
const otherEntities: Entity[] = [
  component('plain-service', {}, { title: 'Plain service' }),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'alice' },
    spec: { profile: { displayName: 'Alice Adams', email: 'alice@example.com' }, memberOf: ['team-orders'] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-orders' },
    spec: { type: 'team', children: [] },
  },
];

/** The dev portal's in-memory catalog. */
export const sampleEntities: Entity[] = [
  ...workingApps,
  ...failingApps,
  ...rejectedApps,
  ...otherEntities,
];
