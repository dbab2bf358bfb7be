import {
  SidebarItem,
  SidebarSubmenu,
  SidebarSubmenuItem,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { makeStyles } from '@material-ui/core/styles';
import { MouseEvent } from 'react';
import { groupByCategory } from '../../catalog/buildMicroApps';
import { listedInNav, navWindow } from '../../catalog/navWindow';
import { hasLuigiNavigation, navigateInLuigi } from '../../engine/luigiNavigation';
import { firstSegment, luigiPathFromHash } from '../../engine/routeGate';
import { useMicroApps } from '../../hooks/useMicroApps';
import { useSidebarTenant } from '../../hooks/useSidebarTenant';
import { rootRouteRef } from '../../routes';
import { pageLink, tenantFromSearch } from '../../tenants/tenantUrl';
import type { LuigiSidebarItemProps } from './LuigiSidebarItem';

const useStyles = makeStyles({
  submenu: {
    // Backstage's submenu drawer lays its children out at their content width (a column with
    // align-items: flex-start), so a long title widened the list past the drawer, which clipped it
    // without an ellipsis. At the drawer's width, and with the dropdown items' text (an inline span:
    // text-overflow applies to blocks only) as a block, it ends in one; Backstage's own tooltip on
    // the item shows the whole title on hover.
    width: '100%',
    '& button + div > a > span': { display: 'block' },
  },
});

/**
 * Opens a micro app link through Luigi when it points at the page already shown, in the tenant shown.
 * A router link alone would change the URL without Luigi noticing (Luigi follows `popstate` and its
 * own navigation, not the host's `pushState`); from any other page, or into another tenant, the router
 * link mounts the page, which routes to the hash.
 */
function openOnSamePage(event: MouseEvent, tenantId: string | undefined) {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = (event.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
  if (!anchor) return;
  const target = new URL(anchor.href, window.location.href);
  if (target.origin !== window.location.origin || target.pathname !== window.location.pathname) return;
  // A page without `?tenant=` shows the current (default) tenant.
  const shown = tenantFromSearch(window.location.search) ?? tenantId;
  if (tenantFromSearch(target.search) !== shown) return;
  const luigiPath = luigiPathFromHash(target.hash);
  if (firstSegment(luigiPath) === '' || !hasLuigiNavigation()) return;
  event.preventDefault();
  event.stopPropagation();
  navigateInLuigi(luigiPath);
}

/**
 * The sidebar entry with its submenu: the part of {@link LuigiSidebarItem} that reads the catalog and
 * the backend's decisions, loaded lazily so none of it is in the host's eager JavaScript.
 */
export function LuigiSidebarMenu({ text, icon }: Required<LuigiSidebarItemProps>) {
  const classes = useStyles();
  const pageRoute = useRouteRef(rootRouteRef);
  const page = pageRoute();
  const { scope, tenant, others } = useSidebarTenant();
  // Only the apps the backend lets this user open, in the current tenant, and listed (hideFromNav).
  const apps = listedInNav(useMicroApps(scope).value?.apps ?? []);
  // As many as the page's navigation draws at once: ten thousand links would freeze the portal for
  // seconds each time the submenu opens. The page's filter finds the others.
  const { shown, matching } = navWindow(apps, '');
  const tenantId = tenant?.id;
  const home = pageLink(page, tenantId);

  if (apps.length === 0 && others.length === 0) {
    return <SidebarItem icon={icon} to={home} text={text} />;
  }
  return (
    <SidebarItem icon={icon} to={home} text={text}>
      <SidebarSubmenu title={tenant ? `${text}: ${tenant.title}` : text}>
        <div
          className={classes.submenu}
          onClickCapture={event => openOnSamePage(event, tenantId)}
          data-testid="luigi-sidebar-submenu"
        >
          {groupByCategory(shown).map(([category, members]) => (
            <SidebarSubmenuItem
              key={category}
              title={category}
              initialShowDropdown
              dropdownItems={members.map(app => ({
                title: app.label,
                to: pageLink(page, tenantId, app.pathSegment),
              }))}
            />
          ))}
          {matching > shown.length && (
            <div data-testid="luigi-sidebar-more">
              <SidebarSubmenuItem
                title={`All ${matching.toLocaleString('en-US')} micro apps`}
                subtitle="Filter them on the page"
                to={home}
              />
            </div>
          )}
          {others.length > 0 && (
            <div data-testid="luigi-sidebar-tenants">
              <SidebarSubmenuItem
                title="Other tenants"
                initialShowDropdown
                dropdownItems={others.map(other => ({ title: other.title, to: pageLink(page, other.id) }))}
              />
            </div>
          )}
        </div>
      </SidebarSubmenu>
    </SidebarItem>
  );
}
