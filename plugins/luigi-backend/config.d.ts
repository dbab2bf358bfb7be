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
