import { MicroApp } from './types';

/** At most this many apps are drawn in the page's navigation at once; the filter finds the others. */
export const NAV_LIMIT = 100;

/** The apps the navigation draws for a filter text, and how many matched in all. */
export interface NavWindow {
  shown: MicroApp[];
  matching: number;
}

/**
 * The apps a navigation lists: not those whose node settings say `hideFromNav` (their links still
 * work), unless it is the open one, `selected`. Pure.
 */
export function listedInNav(apps: readonly MicroApp[], selected?: string): MicroApp[] {
  return apps.filter(app => app.node?.hideFromNav !== true || app.pathSegment === selected);
}

const matches = (app: MicroApp, words: string[]) => {
  const text = [app.label, app.description ?? '', app.category, app.entity.name].join('\n').toLocaleLowerCase();
  return words.every(word => text.includes(word));
};

/**
 * The apps matching every word of `filter` (in label, description, category or name), at most
 * `limit` of them, and always the `selected` one: drawing ten thousand list items would keep the page
 * busy for seconds, and nobody scrolls through them. Pure.
 */
export function navWindow(apps: readonly MicroApp[], filter: string, selected?: string, limit = NAV_LIMIT): NavWindow {
  const words = filter.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const matching = words.length === 0 ? [...apps] : apps.filter(app => matches(app, words));
  const shown = matching.slice(0, limit);
  const open = selected === undefined ? undefined : apps.find(app => app.pathSegment === selected);
  if (open && !shown.includes(open)) shown.push(open);
  return { shown, matching: matching.length };
}
