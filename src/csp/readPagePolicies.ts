import { ContentSecurityPolicy, parseContentSecurityPolicies } from './contentSecurityPolicy';

let reading: Promise<ContentSecurityPolicy[]> | undefined;

/**
 * The Content-Security-Policies the page is under: from `<meta http-equiv>` tags and from the header
 * the server sends with the page (asked again with a HEAD request: scripts cannot read the headers of
 * the document itself). Read once per browser tab; a page whose policy cannot be read counts as having
 * none, since the browser's violation reports still catch what it blocks.
 */
export function readPagePolicies(win: Window = window): Promise<ContentSecurityPolicy[]> {
  reading ??= (async () => {
    const meta = Array.from(
      win.document.querySelectorAll<HTMLMetaElement>('meta[http-equiv="Content-Security-Policy" i]'),
      tag => tag.content,
    );
    let header = '';
    try {
      const response = await win.fetch(win.location.href.split('#')[0], {
        method: 'HEAD',
        credentials: 'same-origin',
        cache: 'no-store',
      });
      header = response.headers.get('content-security-policy') ?? '';
    } catch {
      // Offline or refused: rely on violation reports.
    }
    return [...meta, header].filter(Boolean).flatMap(parseContentSecurityPolicies);
  })();
  return reading;
}

/** Forgets the policies read, for tests. */
export function resetPagePoliciesForTests() {
  reading = undefined;
}
