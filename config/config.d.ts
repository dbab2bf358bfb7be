export interface Config {
  /** Configuration for backstage-plugin-luigi. */
  luigi?: {
    /**
     * The only origins (`https://host[:port]`; `http:` only for loopback) whose micro frontends may be
     * framed and receive the user's token. Entities whose `luigi-project.io/view-url` is elsewhere are
     * listed on the page as rejected. Empty or missing: no micro app is shown (deny by default).
     * @visibility frontend
     */
    allowedOrigins?: string[];
    /**
     * Milliseconds a micro app may take to complete the Luigi handshake before the page shows an
     * error panel with a retry. Default 15000.
     * @visibility frontend
     */
    loadTimeoutMs?: number;
    /** How micro app frames are created. */
    frames?: {
      /**
       * The referrer policy of every micro app frame: `no-referrer` (default), `same-origin` (the
       * same: micro apps are at other origins), `origin` or `strict-origin` (the portal's origin
       * only). Never the portal's path, which names entities. Anything else means `no-referrer`.
       * @visibility frontend
       */
      referrerPolicy?: 'no-referrer' | 'origin' | 'strict-origin' | 'same-origin';
      /**
       * Browser features (Permissions Policy names, e.g. `clipboard-write`, `camera`) entities may
       * ask for with `luigi-project.io/frame-allow`; granted to the frame's own origin only. Default
       * none: an entity asking for any feature is not shown, with the reason.
       * @visibility frontend
       */
      allow?: string[];
      /**
       * Sandbox tokens entities may ask for with `luigi-project.io/frame-sandbox`, beyond the default
       * sandbox (scripts, forms, modals, popups, same origin). Only `allow-downloads`,
       * `allow-orientation-lock`, `allow-pointer-lock`, `allow-presentation`,
       * `allow-storage-access-by-user-activation` and `allow-top-navigation-by-user-activation` can be
       * granted; `allow-top-navigation` never. Default none.
       * @visibility frontend
       */
      sandbox?: string[];
    };
    /**
     * Which Luigi client permissions entities may grant their micro apps in
     * `luigi-project.io/node-settings` (`clientPermissions`). Luigi refuses both calls unless the node
     * grants them; an entity granting more than listed here is not shown, with the reason. The
     * catalog module checks registrations against the same limits.
     */
    clientPermissions?: {
      /**
       * Search parameter names micro apps may be granted to read and write in the portal URL
       * (`addCoreSearchParams`, `getCoreSearchParams`), or `*` for any. Default none.
       * @visibility frontend
       */
      urlParameters?: string[];
      /**
       * Whether micro apps may be granted `changeCurrentLocale` (`uxManager().setCurrentLocale`).
       * Default false.
       * @visibility frontend
       */
      changeCurrentLocale?: boolean;
    };
    /** How the plugin reads the catalog. */
    catalog?: {
      /**
       * Seconds between reads of the catalog's micro apps while a Luigi view or the sidebar shows
       * them, so new and changed registrations appear without reloading the portal. The page, the
       * sidebar and the entity tabs share one read. Default 60; 0 reads only when a view mounts.
       * @visibility frontend
       */
      refreshSeconds?: number;
    };
    /**
     * Which token an `AuthApiTokenSource.fromConfig` override hands to micro apps. Ignored by the
     * default token source (the Backstage identity token).
     */
    tokenSource?: {
      /**
       * `id` for the OpenID Connect ID token (default), `access` for an OAuth access token.
       * @visibility frontend
       */
      token?: 'id' | 'access';
      /**
       * Scopes of the access token.
       * @visibility frontend
       */
      scopes?: string[];
    };
    /** Which token micro apps receive. */
    tokens?: {
      /**
       * `per-micro-app` (default): each micro app gets its own short-lived token from the luigi
       * backend plugin, issued only if the user may open it, with the app's own audience (see
       * `luigi.tokens.lifetime` there). `token-source`: every micro app gets the token source's token
       * (the Backstage token, or an auth API's token with an `AuthApiTokenSource` override), the
       * plugin's behaviour before per-app tokens; only for micro apps that must call services
       * trusting that token, as it lets each allowlisted app use it anywhere it is accepted.
       * @visibility frontend
       */
      mode?: 'per-micro-app' | 'token-source';
      /**
       * Who issues per-app tokens (see the luigi backend's config): with `identity-provider` the
       * frontend sends the token source's token along with each token request, as the subject of the
       * backend's token exchange. Default `luigi-backend`.
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
    };
    /** How the user's token is kept fresh in open micro apps. */
    tokenRefresh?: {
      /**
       * Seconds before a token's `exp` at which the plugin asks the token source for a new one and
       * pushes it to every open micro app. Default 30.
       * @visibility frontend
       */
      marginSeconds?: number;
    };
    /** Who may open which micro app is decided by the luigi backend plugin; see its config. */
    access?: {
      /**
       * Where a user who may not open a micro app asks for access: a URL template with
       * `{entityRef}` and `{userEntityRef}` (filled in URL-encoded), e.g.
       * `https://access.example.com/request?app={entityRef}&user={userEntityRef}`. Without it, the
       * access-denied panel names the app's owner only.
       * @visibility frontend
       */
      requestAccessUrl?: string;
    };
    /**
     * Tenants: isolated sets of micro apps under one governance (see the luigi backend's config, which
     * decides who enters which). The frontend reads each tenant's id, title and allowed origins: a
     * micro frontend shown in a tenant whose URL is not at one of the tenant's origins is not framed,
     * and is listed as refused. Absent or empty: no tenants, nothing changes.
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
}
