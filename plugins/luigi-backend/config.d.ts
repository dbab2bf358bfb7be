import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration for backstage-plugin-luigi (frontend) and backstage-plugin-luigi-backend. */
  luigi?: {
    /**
     * The only origins (`https://host[:port]`; `http:` only for loopback) whose micro frontends may be
     * framed and receive the user's token. The catalog module checks registrations against the same
     * list the frontend uses. Empty or missing: every registration is refused (deny by default).
     * @visibility frontend
     */
    allowedOrigins?: string[];
    access?: {
      /**
       * Only when the permission framework is off (`permission.enabled` not true): `true` lets every
       * signed-in user open every micro frontend. Without it nobody opens any (deny by default).
       * Ignored while the permission framework is on: the app's policy decides then.
       */
      openToEverySignedInUser?: boolean;
      /**
       * Only while the permission framework is on: `true` says the app's policy lets everybody open
       * every micro app on purpose. The plugin looks for such a policy (the permission backend's
       * allow-all policy module at startup; an unconditional ALLOW for a user who belongs to no group
       * at run time) and by default logs a warning with the fix, records a `policy-open-to-everyone`
       * audit event and shows the warning to admins (`luigi.admin.read`) on the micro apps page. With
       * `true` it logs at info and shows nothing; the audit event is still recorded. Default `false`.
       */
      policyAllowsEveryoneOnPurpose?: boolean;
    };
    /**
     * Access requests: a user denied a micro app asks its owners for access, for one of the offered
     * durations; the owners (members of the app entity's owner group) or an admin
     * (`luigi.access-request.decide`) approve or deny in the portal; an approval is a grant that ends
     * by itself. A grant counts only where the permission policy honours it (the catalog's
     * `HAS_ACCESS_GRANT` rule, see docs/access.md, "Access requests"). Off by default.
     */
    accessRequests?: {
      /** `true` takes requests and makes the catalog's `HAS_ACCESS_GRANT` rule read grants. Default `false`. */
      enabled?: boolean;
      /**
       * Where notifications about requests link to: the page with the micro apps, where owners find
       * the requests that wait for them. Default `/luigi`.
       */
      inboxLink?: string;
      /**
       * The durations a user may ask for, in whole minutes, at most 90 days (129600). Default
       * `[60, 480, 1440, 10080]`: an hour, a working day, a day, a week.
       */
      durationsMinutes?: number[];
      /**
       * Requests approved without waiting, each recorded as automatic with the rule's name: members of
       * `requesterGroup` get the apps `ownerGroup` owns, for at most `maxMinutes`.
       */
      automaticApprovals?: Array<{
        /** Names the rule in the audit trail and on the request (`automatic:<name>`). Default `rule-<n>`. */
        name?: string;
        /** A group entity ref (`group:default/ops`, or `ops`). */
        requesterGroup: string;
        /** A group entity ref: the owner of the apps the rule covers. */
        ownerGroup: string;
        /** The longest duration approved automatically, in minutes; longer requests wait for an owner. */
        maxMinutes: number;
      }>;
    };
    /**
     * Per-caller request limits of the luigi backend's routes that work for a user (`POST /tokens`,
     * `POST /access/decisions`, `GET /tenants`, `POST /tenants/enter`; not `/health` or the public
     * keys). Each signed-in user (a service by its subject, a caller without valid credentials by
     * its address) may send `requestsPerUser` requests to each of these routes per `window`; beyond
     * it the route answers 429 with `Retry-After` and a JSON body naming the limit, and records the
     * refusal in the audit trail (reason `rate-limited`). Counts are kept in each backend process:
     * with several replicas, a user may send up to this many to each replica. On by default.
     */
    rateLimit?: {
      /** `false` turns the limit off. Default `true`. */
      enabled?: boolean;
      /**
       * Requests per user, route and window. Default 600: far above what a person's pages send (a
       * page asks for a few decisions and one token per micro app it opens, and each open micro app
       * renews its token once per token lifetime).
       */
      requestsPerUser?: number;
      /**
       * The window the limit counts in. A Backstage duration (`{ minutes: 1 }`, `1m`). Default 1
       * minute; between 1 second and 1 hour.
       */
      window?: HumanDuration | string;
    };
    /** The short-lived tokens the luigi backend issues each micro app (`POST /api/luigi/tokens`). */
    tokens?: {
      /**
       * How long one micro app token is valid, from issue to expiry. A Backstage duration: an object
       * such as `{ minutes: 5 }`, or a string such as `5m` or `PT5M`. Default 5 minutes; the backend
       * refuses to start with less than 30 seconds or more than 1 hour.
       */
      lifetime?: HumanDuration | string;
      /**
       * How long one signing key signs tokens before a new one replaces it (keys live in the plugin's
       * database, shared by every replica; a new key is published 2 minutes before it signs, and an
       * old one until its last token has expired). Same format as `lifetime`. Default 1 hour; the
       * backend refuses to start with less than 10 minutes or more than 30 days.
       */
      keyRotation?: HumanDuration | string;
      /**
       * Encrypts the private signing keys the backend keeps in its database (no private key is stored
       * in plain text). At least 32 characters; required while the backend signs tokens itself
       * (`issuedBy: luigi-backend`, the default), or it refuses to start. Make one with
       * `node -p "require('node:crypto').randomBytes(32).toString('base64')"` and give every replica the
       * same one. A new secret makes the stored keys unusable for signing: they stay published until
       * their tokens have expired, and a new key signs at once (micro apps may briefly refetch the JWKS).
       * @visibility secret
       */
      keyEncryptionSecret?: string;
      /**
       * Who issues micro app tokens. `luigi-backend` (default): the plugin signs them itself (keys above).
       * `identity-provider`: the plugin obtains each from the organisation's identity provider by OAuth 2.0
       * Token Exchange (RFC 8693, `luigi.tokens.exchange`), with the user's identity provider token
       * (which the frontend then sends along) as subject, after the same permission check and audit.
       * @visibility frontend
       */
      issuedBy?: 'luigi-backend' | 'identity-provider';
      /**
       * Token audiences other than the entity ref, assigned by the admin: each entry gives one entity
       * (`entityRef`, full form) the `audience` its micro app's backend expects (e.g. its URL). Each
       * audience belongs to one entity; an audience in entity ref form must be the entity's own. An
       * entity's `luigi-project.io/token-audience` may only restate its audience: any other value
       * refuses the entity (no token, the reason shown). Absent: every app's audience is its entity ref.
       * @visibility frontend
       */
      audiences?: Array<{
        /** @visibility frontend */
        entityRef: string;
        /** @visibility frontend */
        audience: string;
      }>;
      /** The identity provider's token exchange; required with `issuedBy: identity-provider`. */
      exchange?: {
        /** The provider's token endpoint, e.g. `https://idp.example.com/oauth2/token`. */
        tokenEndpoint: string;
        /** The luigi backend's client at the provider (a confidential client allowed the exchange grant). */
        clientId: string;
        /**
         * That client's secret (sent with HTTP Basic authentication).
         * @visibility secret
         */
        clientSecret: string;
        /**
         * The type of the subject token the frontend sends: `urn:ietf:params:oauth:token-type:access_token`
         * (default) or `urn:ietf:params:oauth:token-type:id_token`.
         */
        subjectTokenType?: string;
        /**
         * How the micro app's audience is named in the request: `audience` (default, RFC 8693's logical
         * name) or `resource` (an absolute URI, RFC 8707).
         */
        audienceParameter?: 'audience' | 'resource';
        /** Scopes asked for the exchanged token (the `scope` parameter), if the provider needs any. */
        scopes?: string[];
        /** Milliseconds to wait for the provider before refusing the token (503). Default 5000. */
        timeoutMs?: number;
      };
    };
    /**
     * Tenants: isolated sets of micro apps under one governance. A user sees and opens only the micro
     * apps of the tenant shown, and enters only the tenants the permission framework lets them enter
     * (`luigi.tenant.enter`, deny by default; with the permission framework off and
     * `luigi.access.openToEverySignedInUser`, every signed-in user enters every tenant). An entity
     * belongs to the tenant listing its namespace (its `luigi-project.io/tenant` annotation may only
     * restate that one); an entity of no tenant is shown in none. The backend refuses to start on an
     * invalid or repeated id, a namespace listed twice, or a tenant origin not in `allowedOrigins`.
     * Absent or empty: no tenants, nothing changes.
     */
    tenants?: Array<{
      /**
       * Lower-case letters, digits and dashes (1 to 63); names the tenant in URLs and in tokens.
       * @visibility frontend
       */
      id: string;
      /**
       * Shown in the tenant switcher. Default: the id.
       * @visibility frontend
       */
      title?: string;
      /**
       * Catalog namespaces whose entities belong to the tenant (each namespace in one tenant at most).
       * Only these decide an entity's tenant: its `luigi-project.io/tenant` annotation may restate its
       * namespace's tenant, and naming any other refuses the entity (no token, the reason shown).
       * @visibility frontend
       */
      namespaces?: string[];
      /**
       * Origins this tenant's micro apps may use, each one also in `luigi.allowedOrigins`: a tenant
       * narrows the global allowlist and never widens it. Absent: the whole global allowlist.
       * @visibility frontend
       */
      allowedOrigins?: string[];
    }>;
  };
  auth?: {
    providers?: {
      /** Read by `backstage-plugin-luigi-backend/auth`, beside the `oidc` provider's own settings. */
      oidc?: {
        [authEnv: string]: {
          /** ID token claim with the user's group names. Default `groups`. */
          groupsClaim?: string;
          /** Catalog namespace of those groups. Default `default`. */
          groupNamespace?: string;
        };
      };
    };
  };
}
