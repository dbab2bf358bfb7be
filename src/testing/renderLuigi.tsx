import { CatalogApi } from '@backstage/catalog-client';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { Entity } from '@backstage/catalog-model';
import { Sidebar, SidebarPage } from '@backstage/core-components';
import { AnalyticsApi, analyticsApiRef, configApiRef, identityApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef, EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import { PermissionApi, permissionApiRef } from '@backstage/plugin-permission-react';
import { TestApiProvider, TestAppOptions, mockApis, renderInTestApp } from '@backstage/test-utils';
import { ReactNode } from 'react';
import { luigiAccessApiRef } from '../access/luigiAccessApi';
import { luigiTokenSourceApiRef } from '../auth/tokenSource';
import { EntityLuigiContent } from '../components/EntityLuigiContent/EntityLuigiContent';
import { LuigiSidebarItem } from '../components/LuigiSidebarItem/LuigiSidebarItem';
import { rootRouteRef } from '../routes';
import { accessApiAllowing, TestTenant } from './accessApi';
import { APPS } from './tenants';

/** The token the test token source hands out, valid for ten minutes from each request. */
export const SOURCE_TOKEN = 'source-token-of-alice';

/** Options of {@link renderWithLuigiApis}. */
export interface LuigiApisOptions {
  /** What the catalog holds. Default: nothing. */
  entities?: Entity[];
  /** The catalog API. Default: one answering every query with all `entities`, unfiltered. */
  catalog?: Partial<CatalogApi>;
  /** The tenants the test backend knows, when `access` is not given. Default: none, tenants are not configured. */
  tenants?: TestTenant[];
  /** The access API. Default: {@link accessApiAllowing} every entity, in `tenants`. */
  access?: ReturnType<typeof accessApiAllowing>;
  /** The analytics API. Default: `mockApis.analytics()`. */
  analytics?: AnalyticsApi;
  /** The `luigi` app config, over a default of `allowedOrigins: [APPS]`. */
  luigi?: object;
  /** The permission API. Default: `mockApis.permission()`, allowing everything (Alice is an admin). */
  permission?: PermissionApi;
  /** The signed-in user's ownership refs. Default: Alice's identity's own. */
  ownershipEntityRefs?: string[];
  /** Routes the rendered tree links to. Default: the catalog's entity page. */
  mountedRoutes?: TestAppOptions['mountedRoutes'];
}

/**
 * Renders `ui` at `path` in a test app with the APIs the plugin's components use: the catalog,
 * the config, Alice as the signed-in user (an admin unless `permission` says otherwise), a token
 * source handing out {@link SOURCE_TOKEN}, the test access API and analytics. Resolves with the access and analytics APIs, for tests to check
 * what they were asked.
 */
export async function renderWithLuigiApis(ui: ReactNode, path: string, options: LuigiApisOptions = {}) {
  const access = options.access ?? accessApiAllowing(undefined, { tenants: options.tenants });
  const analytics = options.analytics ?? mockApis.analytics();
  const entities = options.entities ?? [];
  const apis = [
    [catalogApiRef, options.catalog ?? { getEntities: async () => ({ items: entities }) }],
    [configApiRef, mockApis.config({ data: { luigi: { allowedOrigins: [APPS], ...options.luigi } } })],
    [identityApiRef, mockApis.identity({ userEntityRef: 'user:default/alice', ownershipEntityRefs: options.ownershipEntityRefs })],
    [permissionApiRef, options.permission ?? mockApis.permission()],
    [luigiTokenSourceApiRef, { getToken: async () => ({ token: SOURCE_TOKEN, expiresAt: Date.now() + 600_000 }) }],
    [luigiAccessApiRef, access],
    [analyticsApiRef, analytics],
  ] as const;
  await renderInTestApp(<TestApiProvider apis={apis}>{ui}</TestApiProvider>, {
    routeEntries: [path],
    mountedRoutes: options.mountedRoutes ?? { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
  return { access, analytics };
}

/**
 * Renders the entity page's Luigi tab of `subject` (in its {@link EntityProvider}, with `children`
 * beside it), at the tab's path followed by `hash`, through {@link renderWithLuigiApis}.
 */
export function renderEntityTab(subject: Entity, options: LuigiApisOptions & { hash?: string; children?: ReactNode } = {}) {
  const { namespace, name } = subject.metadata;
  return renderWithLuigiApis(
    <EntityProvider entity={subject}>
      <EntityLuigiContent />
      {options.children}
    </EntityProvider>,
    `/catalog/${namespace}/component/${name}/luigi${options.hash ?? ''}`,
    options,
  );
}

/**
 * Renders the sidebar with the Luigi item (and `children` beside the sidebar) at `path`, the micro
 * apps page mounted at `/apps`, through {@link renderWithLuigiApis} with an in-memory catalog of
 * `entities`.
 */
export function renderLuigiSidebar(path: string, options: LuigiApisOptions & { children?: ReactNode } = {}) {
  return renderWithLuigiApis(
    <SidebarPage>
      <Sidebar>
        <LuigiSidebarItem />
      </Sidebar>
      {options.children}
    </SidebarPage>,
    path,
    {
      catalog: new InMemoryCatalogClient({ entities: options.entities ?? [] }),
      mountedRoutes: { '/apps': rootRouteRef },
      ...options,
    },
  );
}
