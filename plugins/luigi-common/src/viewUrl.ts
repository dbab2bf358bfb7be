import { quoteText } from './displayText';

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


// Whitespace, control and invisible format characters (zero-width, bidi overrides): the URL parser
// drops some of them silently (tabs, line breaks) or maps them away, so what a reviewer reads would
// not be what the browser frames.
const INVISIBLE = /[\s\p{Cc}\p{Cf}]/u;

/** The authority (`user@host:port`) of an `http(s)://` URL as written, before any parsing. */
const WRITTEN_AUTHORITY = /^https?:\/\/([^/?#]+)/i;

/**
 * Validates a micro frontend URL. Only absolute `https:` URLs (or `http:` on loopback) whose origin is
 * allowlisted pass: the allowlist is what keeps tokens away from other origins, since Luigi posts context
 * and tokens to the origin of a node's view URL. The URL must also say plainly where it goes: no
 * spellings that parsers read differently or that hide the host (backslashes, invisible characters,
 * a missing `//`, userinfo, a percent-encoded or non-ASCII host).
 * @public
 */
export function checkViewUrl(raw: unknown, allowedOrigins: ReadonlySet<string>): ViewUrlCheck {
  if (raw !== undefined && raw !== null && typeof raw !== 'string') {
    return { ok: false, reason: 'the view URL annotation is not a string' };
  }
  if (typeof raw !== 'string' || raw.trim() === '') {
    return { ok: false, reason: 'the view URL annotation is empty' };
  }
  const text = raw.trim();
  if (INVISIBLE.test(text)) {
    return { ok: false, reason: 'the view URL must not contain whitespace or control characters' };
  }
  if (text.includes('\\')) {
    return { ok: false, reason: 'the view URL must not contain backslashes' };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: `"${quoteText(text)}" is not an absolute URL` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: `the ${quoteText(url.protocol)} scheme is not allowed; use https:` };
  }
  const authority = WRITTEN_AUTHORITY.exec(text)?.[1];
  if (authority === undefined) {
    return { ok: false, reason: `"${quoteText(text)}" is not of the form https://host/…` };
  }
  if (authority.includes('@') || url.username || url.password) {
    return { ok: false, reason: 'view URLs must not contain credentials' };
  }
  if (authority.includes('%')) {
    return { ok: false, reason: 'the host of the view URL must not be percent-encoded' };
  }
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(authority)) {
    return { ok: false, reason: 'the host of the view URL must be ASCII (write an international name in its xn-- form)' };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return { ok: false, reason: `"${quoteText(text)}" must use https: (http: is allowed only on loopback)` };
  }
  if (!allowedOrigins.has(url.origin)) {
    return { ok: false, reason: `origin ${url.origin} is not in luigi.allowedOrigins` };
  }
  return { ok: true, url: url.href };
}
