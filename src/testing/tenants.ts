import { Entity } from '@backstage/catalog-model';
import { TestTenant } from './accessApi';
import { componentEntity } from './componentEntity';

/** The origin micro apps are served from in tenant tests; in every allowlist. */
export const APPS = 'https://apps.example.com';

/** A second origin, in the global allowlist only where a test puts it there. */
export const OTHER = 'https://other.example.com';

/** A {@link TestTenant} `members` rule: the entities of `namespace`. */
export const inNamespace = (namespace: string) => (ref: string) => ref.includes(`:${namespace}/`);

/** The tenant of the default namespace. */
export const RETAIL: TestTenant = { id: 'retail', title: 'Retail', members: inNamespace('default') };

/** The tenant of the logistics namespace. */
export const LOGISTICS: TestTenant = { id: 'logistics', title: 'Logistics', members: inNamespace('logistics') };

/** The tenant of the secret namespace, which the user may not enter. */
export const SECRET: TestTenant = { id: 'secret', title: 'Secret', enterable: false, members: inNamespace('secret') };

/** The `luigi.tenants` entry of {@link RETAIL}, which keeps the global allowlist. */
export const RETAIL_CONFIG = { id: 'retail', title: 'Retail', namespaces: ['default'] };

/** The `luigi.tenants` entry of {@link LOGISTICS}, narrowing the allowed origins to {@link APPS}. */
export const LOGISTICS_CONFIG = { id: 'logistics', title: 'Logistics', namespaces: ['logistics'], allowedOrigins: [APPS] };

/** Options of {@link tenantEntity}. */
export interface TenantEntityOptions {
  /** Where its view is served from. Default {@link APPS}. */
  origin?: string;
  /** The system it belongs to, if any. */
  system?: string;
  /** Annotations besides its `view-url`. */
  annotations?: Record<string, string>;
}

/**
 * A catalog Component in `namespace`, titled after its name, with its micro frontend at
 * `<origin>/<name>/` (see {@link componentEntity}).
 */
export function tenantEntity(namespace: string, name: string, options: TenantEntityOptions = {}): Entity {
  const annotations = { 'luigi-project.io/view-url': `${options.origin ?? APPS}/${name}/`, ...options.annotations };
  const component = componentEntity(name, annotations, options.system);
  return { ...component, metadata: { ...component.metadata, namespace } };
}
