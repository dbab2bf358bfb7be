/**
 * What a token minter needs to produce one micro app token, once every check has passed.
 * @public
 */
export interface MintRequest {
  /** The signed-in user, e.g. `user:default/alice` (from the request's credentials). */
  userEntityRef: string;
  /** The user's ownership entity refs, from the userInfo service. */
  ownershipEntityRefs: string[];
  /** The micro app's entity ref, normalized. */
  entityRef: string;
  /** The micro app's audience (its `luigi-project.io/token-audience`, else its entity ref). */
  audience: string;
  /** The micro app's tenant, while tenants are configured. */
  tenant?: string;
  /** The user's identity provider token, as the frontend sent it (token exchange only). */
  subjectToken?: string;
}

/**
 * One minted micro app token.
 * @public
 */
export interface MintedToken {
  /** The token itself: never logged, never audited. */
  token: string;
  /** Expiry, in milliseconds since the epoch. */
  expiresAt: number;
  /** The token's `jti`, when it has one: safe to record, it identifies the token without being part of it. */
  tokenId?: string;
  /** Who issued it. */
  issuedBy: 'luigi-backend' | 'identity-provider';
}

/**
 * Produces micro app tokens: the plugin's own signer, or a token exchange with the identity provider.
 * Refuses with Backstage errors (`NotAllowedError` 403, `ServiceUnavailableError` 503, `InputError` 400).
 * @public
 */
export interface TokenMinter {
  mint(request: MintRequest): Promise<MintedToken>;
}
