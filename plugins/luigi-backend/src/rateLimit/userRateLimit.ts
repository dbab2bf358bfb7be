import { AuditorService, HttpAuthService, RootConfigService } from '@backstage/backend-plugin-api';
import { readDurationFromConfig } from '@backstage/config';
import { CustomErrorBase } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';
import { LUIGI_AUDIT_EVENTS, LUIGI_TENANTS_PATH, LUIGI_TOKENS_PATH } from 'backstage-plugin-luigi-common';
import { Request, RequestHandler, Response, Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { recordRefusal } from '../audit/recordAuditEvent';
import { refusal } from '../audit/refusal';

/** `luigi.rateLimit`, read. */
export interface RateLimitOptions {
  /** Requests one caller may send to one route per window. */
  requestsPerUser: number;
  /** The window, in milliseconds. */
  windowMs: number;
}

/** Default `luigi.rateLimit.requestsPerUser`: far above what a person's pages send. */
export const DEFAULT_REQUESTS_PER_USER = 600;
/** Default `luigi.rateLimit.window`, in milliseconds. */
export const DEFAULT_RATE_LIMIT_WINDOW_MS = 60_000;

/**
 * `luigi.rateLimit`: undefined when `enabled` is false, else the limit (defaults: 600 requests per
 * minute per user and route). Throws, stopping the backend with its message, for a limit that is no
 * positive integer or a window outside 1 second to 1 hour.
 */
export function readRateLimit(config: RootConfigService): RateLimitOptions | undefined {
  const section = config.getOptionalConfig('luigi.rateLimit');
  if (section?.getOptionalBoolean('enabled') === false) return undefined;
  const requestsPerUser = section?.getOptionalNumber('requestsPerUser') ?? DEFAULT_REQUESTS_PER_USER;
  if (!Number.isInteger(requestsPerUser) || requestsPerUser < 1) {
    throw new Error('luigi.rateLimit.requestsPerUser must be a positive integer');
  }
  const windowMs = section?.has('window')
    ? durationToMilliseconds(readDurationFromConfig(section, { key: 'window' }))
    : DEFAULT_RATE_LIMIT_WINDOW_MS;
  if (!(windowMs >= 1_000 && windowMs <= 3_600_000)) {
    throw new Error('luigi.rateLimit.window must be between 1 second and 1 hour');
  }
  return { requestsPerUser, windowMs };
}

/**
 * Too many requests from one caller (429).
 * @public
 */
export class TooManyRequestsError extends CustomErrorBase {
  name = 'TooManyRequestsError' as const;
  /** Read by Backstage's error middleware for the status of the answer. */
  statusCode = 429;
}

/** The routes limited, each with the audit event its refusals are recorded under (none: not audited). */
const LIMITED_ROUTES: ReadonlyArray<{ path: string; eventId?: string }> = [
  { path: LUIGI_TOKENS_PATH, eventId: LUIGI_AUDIT_EVENTS.microAppOpen },
  { path: '/access/decisions', eventId: LUIGI_AUDIT_EVENTS.accessDecide },
  { path: `${LUIGI_TENANTS_PATH}/enter`, eventId: LUIGI_AUDIT_EVENTS.tenantEnter },
  { path: LUIGI_TENANTS_PATH },
];

/** Who a request counts against: the signed-in user (or calling service), else the client's address. */
async function callerOf(httpAuth: HttpAuthService, req: Request): Promise<{ key: string; scope: 'user' | 'service' | 'address' }> {
  try {
    // Resolved once per request: the route's own check reuses it.
    const credentials = await httpAuth.credentials(req);
    const principal = credentials.principal as { type?: string; userEntityRef?: string; subject?: string };
    if (principal.type === 'user' && principal.userEntityRef) return { key: `user:${principal.userEntityRef}`, scope: 'user' };
    if (principal.type === 'service' && principal.subject) return { key: `service:${principal.subject}`, scope: 'service' };
  } catch {
    // Invalid credentials: counted by address, like none.
  }
  const address = req.ip ?? req.socket.remoteAddress ?? '';
  return { key: `ip:${ipKeyGenerator(address)}`, scope: 'address' };
}

/**
 * Per-caller request limits on the plugin's routes that do work for a user (tokens, access
 * decisions, tenants; not health or the public keys): each signed-in user (a service by its
 * subject; a caller without valid credentials by its address) may send `requestsPerUser` requests
 * to each route per window. Over it: 429 with `Retry-After` and `RateLimit` headers and a JSON body
 * saying which limit, recorded (for the audited routes) as a refusal with reason `rate-limited`,
 * before anything else of the request is done. Counts live in this process: each replica limits on
 * its own.
 */
export function userRateLimit(options: RateLimitOptions & { httpAuth: HttpAuthService; auditor: AuditorService }): Router {
  const { requestsPerUser, windowMs, httpAuth, auditor } = options;
  const router = Router();
  const windowSeconds = Math.round(windowMs / 1000);
  for (const { path, eventId } of LIMITED_ROUTES) {
    const limiter: RequestHandler = rateLimit({
      windowMs,
      limit: requestsPerUser,
      standardHeaders: 'draft-8',
      identifier: `luigi${path.replace(/\//g, '-')}`,
      legacyHeaders: false,
      // The plugin's routes sit behind Backstage's own proxy settings; keys are users first.
      validate: { trustProxy: false, xForwardedForHeader: false },
      keyGenerator: async req => (await callerOf(httpAuth, req)).key,
      handler: async (req: Request, res: Response) => {
        const { scope } = await callerOf(httpAuth, req);
        const retryAfterSeconds = Number(res.getHeader('Retry-After')) || windowSeconds;
        const message =
          `Too many requests: at most ${requestsPerUser} per ${windowSeconds} s to this route per ` +
          `${scope === 'address' ? 'client address' : scope}; retry after ${retryAfterSeconds} s`;
        const error = refusal(new TooManyRequestsError(message), {
          reason: 'rate-limited',
          detail: `limit ${requestsPerUser} per ${windowSeconds} s per ${scope}`,
        });
        if (eventId) await recordRefusal(auditor, { eventId, request: req, error });
        if (!res.headersSent) {
          res.setHeader('Retry-After', String(retryAfterSeconds));
          res.status(429).json({
            error: { name: error.name, message },
            request: { method: req.method, url: req.originalUrl },
            response: { statusCode: 429 },
            rateLimit: { limit: requestsPerUser, windowSeconds, per: scope, retryAfterSeconds },
          });
        }
      },
    });
    router.all(path, limiter);
  }
  return router;
}
