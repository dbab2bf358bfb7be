import {
  SidebarItem,
  SidebarSubmenu,
  SidebarSubmenuItem,
} from '@backstage/core-components';
import { IconComponent, useRouteRef } from '@backstage/core-plugin-api';
import ExtensionIcon from '@material-ui/icons/Extension';
import { MouseEvent } from 'react';
import { groupByCategory } from '../../catalog/buildMicroApps';
import { getLuigiEngine } from '../../engine/LuigiEngine';
import { firstSegment, luigiPathFromHash } from '../../engine/routeGate';
import { useMicroApps } from '../../hooks/useMicroApps';
import { rootRouteRef } from '../../routes';

/**
 * Props of {@link LuigiSidebarItem}.
 * @public
 */
export interface LuigiSidebarItemProps {
  /** Label of the sidebar item and title of its submenu. Default "Micro apps". */
  text?: string;
  /** Icon of the sidebar item. Default: a puzzle piece. */
  icon?: IconComponent;
}

/**
 * Opens a micro app link through Luigi when it points at the page already shown. A router link alone
 * would change the URL without Luigi noticing (Luigi follows `popstate` and its own navigation, not
 * the host's `pushState`); from any other page the router link mounts the page, which routes to the hash.
 */
function openOnSamePage(event: MouseEvent) {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = (event.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
  if (!anchor) return;
  const target = new URL(anchor.href, window.location.href);
  if (target.origin !== window.location.origin || target.pathname !== window.location.pathname) return;
  const luigiPath = luigiPathFromHash(target.hash);
  if (firstSegment(luigiPath) === '') return;
  event.preventDefault();
  event.stopPropagation();
  getLuigiEngine().navigate(luigiPath);
}

/**
 * A sidebar entry for the micro apps page (`LuigiPage`) with a submenu listing the micro apps by
 * category; each opens the page at that app. For the legacy frontend system's `Root.tsx`:
 * `<LuigiSidebarItem />` inside `<Sidebar>`.
 * @public
 */
export function LuigiSidebarItem({ text = 'Micro apps', icon = ExtensionIcon }: LuigiSidebarItemProps) {
  const pageLink = useRouteRef(rootRouteRef);
  const page = pageLink();
  // Only the apps the backend lets this user open.
  const apps = useMicroApps().value?.apps ?? [];

  if (apps.length === 0) {
    return <SidebarItem icon={icon} to={page} text={text} />;
  }
  return (
    <SidebarItem icon={icon} to={page} text={text}>
      <SidebarSubmenu title={text}>
        <div onClickCapture={openOnSamePage} data-testid="luigi-sidebar-submenu">
          {groupByCategory(apps).map(([category, members]) => (
            <SidebarSubmenuItem
              key={category}
              title={category}
              initialShowDropdown
              dropdownItems={members.map(app => ({
                title: app.label,
                to: `${page}#/${app.pathSegment}`,
              }))}
            />
          ))}
        </div>
      </SidebarSubmenu>
    </SidebarItem>
  );
}
