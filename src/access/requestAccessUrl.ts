/**
 * The request-access link for a micro app, from app-config's template
 * (`luigi.access.requestAccessUrl`, e.g. `https://access.example.com/new?app={entityRef}&user={userEntityRef}`),
 * with both refs URL-encoded. Only http(s) results are links; anything else (a `javascript:`
 * template, say) gives none.
 */
export function requestAccessUrl(
  template: string | undefined,
  refs: { entityRef: string; userEntityRef: string },
): string | undefined {
  if (!template) return undefined;
  const filled = template
    .replace(/\{entityRef\}/g, encodeURIComponent(refs.entityRef))
    .replace(/\{userEntityRef\}/g, encodeURIComponent(refs.userEntityRef));
  let url: URL;
  try {
    url = new URL(filled);
  } catch {
    return undefined;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
}
