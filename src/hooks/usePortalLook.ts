import { appThemeApiRef, useApiHolder } from '@backstage/core-plugin-api';
import { appLanguageApiRef } from '@backstage/core-plugin-api/alpha';
import { useTheme } from '@material-ui/core/styles';
import { useEffect, useMemo, useState } from 'react';
import type { LuigiEngine } from '../engine/LuigiEngine';
import type { PortalLook } from '../engine/portalLook';
import { fioriVariablesOf } from '../engine/styles/themeVariables';

/** The latest value of a Backstage observable, starting from `initial`. */
function useLatest<T>(observable: { subscribe(next: (value: T) => void): { unsubscribe(): void } } | undefined, initial: T): T {
  const [value, setValue] = useState(initial);
  useEffect(() => {
    if (!observable) return undefined;
    const subscription = observable.subscribe(setValue);
    return () => subscription.unsubscribe();
  }, [observable]);
  return value;
}

/**
 * The portal's look now: the theme the user picked in Backstage's settings (or, on "auto", the
 * installed theme of the variant shown), and the user's language (`en` where the app has no
 * language API). Changes when the user switches either.
 */
export function usePortalLook(): PortalLook {
  // Both optional: a host (or a test) without them still gets the theme shown and English.
  const apis = useApiHolder();
  const themeApi = apis.get(appThemeApiRef);
  const languageApi = apis.get(appLanguageApiRef);
  const variant = useTheme().palette.type === 'dark' ? 'dark' : 'light';
  const themeIds = useMemo(() => themeApi?.activeThemeId$(), [themeApi]);
  const languages = useMemo(() => languageApi?.language$(), [languageApi]);
  const activeId = useLatest(themeIds, themeApi?.getActiveThemeId());
  const locale = useLatest(languages, languageApi?.getLanguage() ?? { language: 'en' }).language;
  const installed = themeApi?.getInstalledThemes() ?? [];
  const id = activeId ?? installed.find(theme => theme.variant === variant)?.id ?? variant;
  const themesKey = JSON.stringify(installed.map(theme => ({ id: theme.id, title: theme.title })));
  return useMemo(
    () => ({ theme: { id, variant }, themes: JSON.parse(themesKey), locale }),
    [id, variant, themesKey, locale],
  );
}

/**
 * Keeps the engine's look the portal's: Luigi's theme and locale, the micro apps' context, and the
 * colours of Luigi's own modals and backdrops.
 */
export function usePortalLookInEngine(engine: LuigiEngine) {
  const look = usePortalLook();
  const theme = useTheme();
  useEffect(() => engine.setLook(look), [engine, look]);
  useEffect(() => engine.setThemeVariables(fioriVariablesOf(theme)), [engine, theme]);
}
