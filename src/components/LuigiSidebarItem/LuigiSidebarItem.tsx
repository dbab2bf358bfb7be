import { SidebarItem } from '@backstage/core-components';
import { IconComponent, useRouteRef } from '@backstage/core-plugin-api';
import ExtensionIcon from '@material-ui/icons/Extension';
import { lazy, Suspense } from 'react';
import { rootRouteRef } from '../../routes';

// The submenu (catalog, decisions, tenants) is a lazy chunk: the host's eager JavaScript holds only
// this shell, and the item shows at once, as a plain link, until the submenu's code has arrived.
const LuigiSidebarMenu = lazy(() => import('./LuigiSidebarMenu').then(m => ({ default: m.LuigiSidebarMenu })));

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
 * A sidebar entry for the micro apps page (`LuigiPage`) with a submenu listing the micro apps by
 * category; each opens the page at that app. While tenants are configured it lists the current
 * tenant's apps only, and offers the other tenants the user may enter. For the legacy frontend
 * system's `Root.tsx`: `<LuigiSidebarItem />` inside `<Sidebar>`.
 * @public
 */
export function LuigiSidebarItem({ text = 'Micro apps', icon = ExtensionIcon }: LuigiSidebarItemProps) {
  const pageRoute = useRouteRef(rootRouteRef);
  return (
    <Suspense fallback={<SidebarItem icon={icon} to={pageRoute()} text={text} />}>
      <LuigiSidebarMenu text={text} icon={icon} />
    </Suspense>
  );
}
