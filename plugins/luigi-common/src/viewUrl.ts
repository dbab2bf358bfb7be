/**
 * Outcome of checking a view URL against the origin allowlist.
 * @public
 */
export type ViewUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

/**
 * True for hosts that never leave the machine: `http:` is tolerated only there.
 * @public
 */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Normalises configured allowlist entries to origins (`scheme://host[:port]`).
 * Entries that are not absolute URLs, or that carry a path, are returned as invalid so the page can say so.
 * @public
 */
export function normalizeAllowedOrigins(entries: readonly string[]): {
  origins: Set<string>;
  invalid: string[];
} {
  const origins = new Set<string>();
  const invalid: string[] = [];
  for (const entry of entries) {
    try {
      const url = new URL(entry);
      const hasPath = url.pathname !== '/' || url.search || url.hash;
      if (hasPath || url.origin === 'null') {
        invalid.push(entry);
      } else {
        origins.add(url.origin);
      }
    } catch {
      invalid.push(entry);
    }
  }
  return { origins, invalid };
}

/**
 * Validates a micro frontend URL. Only absolute `https:` URLs (or `http:` on loopback) whose origin is
 * allowlisted pass: the allowlist is what keeps tokens away from other origins, since Luigi posts context
 * and tokens to the origin of a node's view URL.
 * @public
 */
export function checkViewUrl(raw: unknown, allowedOrigins: ReadonlySet<string>): ViewUrlCheck {
  if (typeof raw !== 'string' || raw.trim() === '') {
    return { ok: false, reason: 'the view URL annotation is empty' };
  }
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: `"${text}" is not an absolute URL` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: `the ${url.protocol} scheme is not allowed; use https:` };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return { ok: false, reason: `"${text}" must use https: (http: is allowed only on loopback)` };
  }
  if (url.username || url.password) {
    return { ok: false, reason: 'view URLs must not contain credentials' };
  }
  if (!allowedOrigins.has(url.origin)) {
    return { ok: false, reason: `origin ${url.origin} is not in luigi.allowedOrigins` };
  }
  return { ok: true, url: url.href };
}
