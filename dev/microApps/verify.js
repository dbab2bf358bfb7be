// Verifies the access token a sample micro app holds, in the browser, with the
// real `jose` library (served by the micro apps server under /vendor/jose/).
// Served as /verify.js and loaded as a module script, so it runs after /app.js.
//
// The token itself is only read by /app.js: it writes it to #token and, when
// it changes, dispatches `luigi-sample:token` on window (detail: the token, or
// null). This module takes the initial value from #token and then follows the
// events. What to expect (issuer, audience, keys) comes from data attributes
// the server puts on <body>.
//
// With tenants, the token must also name the tenant the app serves (`tenant`
// claim against the page's data-tenant): a token issued in one tenant is
// refused by an app of another, even when its audience is the app's own.
//
// Everything is rendered with textContent only: the token and its claims are
// untrusted input as far as this page is concerned.
import { createRemoteJWKSet, jwtVerify } from '/vendor/jose/index.js';

const $ = id => document.getElementById(id);
const { issuer, audience, jwksUri, tenant } = document.body.dataset;
const algorithms = (document.body.dataset.algorithms || 'ES256').split(',');

// Fetched once and cached by jose; refetched when a token names an unknown kid.
const jwks = createRemoteJWKSet(new URL(jwksUri));

/** Claims shown in #verified-claims, in this order. */
const SHOWN_CLAIMS = ['sub', 'ent', 'app', 'tenant', 'groups', 'exp', 'iat', 'iss', 'aud'];
// setTimeout cannot wait longer than this; a longer wait just re-checks early.
const MAX_DELAY = 2 ** 31 - 1;

const verifiedTokens = new Set();
let held = null;
// Bumped on every check, so a slow verification of an older token (or an
// older check of the same token) never overwrites a newer result.
let generation = 0;
let expiryTimer;

function setText(id, text) {
  const element = $(id);
  if (element.textContent !== text) element.textContent = text;
}

function show(status, { claims = 'none', error = '' } = {}) {
  setText('verify-status', status);
  setText('verified-claims', claims);
  setText('verify-error', error);
  setText('verified-count', String(verifiedTokens.size));
}

function describeError(error) {
  if (error && error.code) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

function pickClaims(payload) {
  const picked = {};
  for (const claim of SHOWN_CLAIMS) {
    if (payload[claim] !== undefined) picked[claim] = payload[claim];
  }
  return JSON.stringify(picked, null, 2);
}

async function check(token) {
  const mine = ++generation;
  clearTimeout(expiryTimer);
  if (!token) {
    show('no token');
    return;
  }
  show('verifying');
  try {
    const { payload } = await jwtVerify(token, jwks, {
      issuer,
      audience,
      algorithms,
      requiredClaims: ['exp'],
    });
    if (mine !== generation) return;
    // A portal with tenants names one in every token: it must be this app's own.
    if (payload.tenant !== undefined && payload.tenant !== tenant) {
      show('failed', {
        error: `tenant: the token is for tenant ${String(payload.tenant)}, this app serves ${tenant}`,
      });
      return;
    }
    verifiedTokens.add(token);
    show('verified', { claims: pickClaims(payload) });
    // The portal should hand over a new token before this one expires. If it
    // does not, check again when `exp` passes: jose then reports
    // ERR_JWT_EXPIRED.
    const delay = Math.min(Math.max(payload.exp * 1000 - Date.now(), 0), MAX_DELAY);
    expiryTimer = setTimeout(() => {
      if (token === held) check(token);
    }, delay);
  } catch (error) {
    if (mine !== generation) return;
    show('failed', { error: describeError(error) });
  }
}

function hold(token) {
  held = token ? String(token) : null;
  check(held);
}

window.addEventListener('luigi-sample:token', event => hold(event.detail));

const shown = $('token').textContent;
hold(shown && shown !== 'none' ? shown : null);
