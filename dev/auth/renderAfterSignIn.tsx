import { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { devOidcAuth } from './DevOidcAuth';
import { completeSignIn, isSignInCallback } from './devOidcClient';

/**
 * Renders a dev app into #root once the provider's sign-in redirect (if this load is one) has been
 * completed, so the router starts at the page the user came from. A failed sign-in is shown as text.
 */
export async function renderAfterSignIn(app: ReactNode): Promise<void> {
  const error = isSignInCallback()
    ? await completeSignIn().then(
        tokens => devOidcAuth.setTokens(tokens),
        (failure: Error) => failure,
      )
    : undefined;
  createRoot(document.getElementById('root')!).render(
    <>
      {app}
      {error instanceof Error && <pre data-testid="dev-sign-in-error">{String(error)}</pre>}
    </>,
  );
}
