import type { NodeSettings } from 'backstage-plugin-luigi-common';
import { categoryHeading } from './categoryHeading';
import { MicroApp } from './types';

/** How a child node opens as a modal (`openNodeInModal`): Luigi's modal settings. */
export type ChildModal = Exclude<NodeSettings['openNodeInModal'], boolean | undefined> | Record<string, never>;

/** A child node of a micro app (from its node settings), as the portal's navigation lists it. */
export interface ChildNavItem {
  /** Luigi path, `/<app>/<child>`. */
  luigiPath: string;
  /** Plain text. */
  label: string;
  /** The child's `category`, a heading its siblings share; absent: listed first, without one. */
  category?: string;
  /** Set when the child opens over the page (`openNodeInModal`) instead of in it. */
  modal?: ChildModal;
}

/**
 * The children of a micro app its navigation lists, in their order, as a Luigi shell's left
 * navigation would: not those with `hideFromNav`, nor dynamic ones (`:id`), which have no path of
 * their own to link to. Pure.
 */
export function childNavItems(app: MicroApp): ChildNavItem[] {
  return (app.node?.children ?? [])
    .filter(child => child.hideFromNav !== true && !child.pathSegment.startsWith(':'))
    .map(child => ({
      luigiPath: `/${app.pathSegment}/${child.pathSegment}`,
      label: child.label,
      ...(child.category ? { category: child.category } : {}),
      ...(child.openNodeInModal ? { modal: child.openNodeInModal === true ? {} : child.openNodeInModal } : {}),
    }));
}

/**
 * Child items grouped under their category's heading ({@link categoryHeading}), in order of first
 * appearance; uncategorised first (key ''). Pure.
 */
export function groupChildren(items: readonly ChildNavItem[]): Array<[string, ChildNavItem[]]> {
  const groups = new Map<string, ChildNavItem[]>([['', []]]);
  for (const item of items) {
    const key = categoryHeading(item.category ?? '');
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups.entries()].filter(([, members]) => members.length > 0);
}
