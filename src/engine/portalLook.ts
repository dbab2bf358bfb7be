import type { LuigiCore } from './luigiCore';

/**
 * How the portal looks to its user now: the Backstage theme (its id and whether it is light or
 * dark), the themes installed, and the user's language. Micro apps get it through Luigi's theming
 * (`uxManager().getCurrentTheme()`), `uxManager().getCurrentLocale()` and their context.
 */
export interface PortalLook {
  theme: { id: string; variant: 'light' | 'dark' };
  themes: ReadonlyArray<{ id: string; title: string }>;
  /** A BCP 47 language tag, e.g. `en` or `de`. */
  locale: string;
}

/** Luigi's `settings.theming`: the portal's themes, the current one as the default. */
export function luigiTheming(look: PortalLook): object {
  const themes = look.themes.some(theme => theme.id === look.theme.id)
    ? look.themes
    : [...look.themes, { id: look.theme.id, title: look.theme.id }];
  return { themes: themes.map(theme => ({ id: theme.id, name: theme.title })), defaultTheme: look.theme.id };
}

/**
 * Tells Luigi core the portal's themes, the current theme and the locale. Luigi sends the theme with every context it
 * sends, and posts a locale change to every frame at once. Luigi also writes the locale to `<html
 * lang>`: the host's attribute is put back, the page's language is the host's to set.
 */
export function applyLook(core: LuigiCore, look: PortalLook, doc: Document = document) {
  const config = core.getConfig();
  // The themes are part of the config Luigi started with, or arrive here when the look came later.
  config.settings = config.settings ?? {};
  config.settings.theming = luigiTheming(look);
  core.theming().setCurrentTheme(look.theme.id);
  if (core.i18n().getCurrentLocale() === look.locale) return;
  const lang = doc.documentElement.getAttribute('lang');
  core.i18n().setCurrentLocale(look.locale);
  if (lang === null) doc.documentElement.removeAttribute('lang');
  else doc.documentElement.setAttribute('lang', lang);
}

/** The context keys of the look: `theme` (id and variant) and `locale`. */
export function lookContext(look: PortalLook | undefined): object {
  return look ? { theme: look.theme, locale: look.locale } : {};
}
