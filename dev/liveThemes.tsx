// Backstage's light and dark themes, sharing one provider component. Backstage's AppThemeProvider
// renders the active theme's `Provider`; with one component per theme (as create-app's defaults
// have), a switch re-mounts the whole app, and every open micro app frame loads again. With one
// shared component the app stays mounted, and the plugin pushes the new theme to open frames.
import { AppTheme, appThemeApiRef, useApi } from '@backstage/core-plugin-api';
import { UnifiedThemeProvider, themes } from '@backstage/theme';
import DarkIcon from '@material-ui/icons/Brightness2';
import LightIcon from '@material-ui/icons/WbSunny';
import { ReactNode, useEffect, useState } from 'react';

const UNIFIED = { light: themes.light, dark: themes.dark } as const;

/** The theme to show: the user's pick, else (on "auto") the system's preference, as Backstage resolves it. */
function usePickedThemeId(): 'light' | 'dark' {
  const appThemeApi = useApi(appThemeApiRef);
  const [picked, setPicked] = useState(appThemeApi.getActiveThemeId());
  const query = typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : undefined;
  const [prefersDark, setPrefersDark] = useState(Boolean(query?.matches));
  useEffect(() => {
    const subscription = appThemeApi.activeThemeId$().subscribe(setPicked);
    return () => subscription.unsubscribe();
  }, [appThemeApi]);
  useEffect(() => {
    if (!query) return undefined;
    const listener = (event: MediaQueryListEvent) => setPrefersDark(event.matches);
    query.addEventListener('change', listener);
    return () => query.removeEventListener('change', listener);
  }, [query]);
  if (picked === 'light' || picked === 'dark') return picked;
  return prefersDark ? 'dark' : 'light';
}

/** The one provider both themes share. */
function LiveThemeProvider({ children }: { children?: ReactNode }) {
  return <UnifiedThemeProvider theme={UNIFIED[usePickedThemeId()]}>{children}</UnifiedThemeProvider>;
}

/** Backstage's light and dark themes, switched without re-mounting the app. */
export const liveThemes: AppTheme[] = [
  { id: 'light', title: 'Light', variant: 'light', icon: <LightIcon />, Provider: LiveThemeProvider },
  { id: 'dark', title: 'Dark', variant: 'dark', icon: <DarkIcon />, Provider: LiveThemeProvider },
];
