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
    };
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
