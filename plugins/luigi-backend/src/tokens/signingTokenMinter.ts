import { DiscoveryService } from '@backstage/backend-plugin-api';
import { randomUUID } from 'node:crypto';
import { SigningKeys } from './signingKeys';
import { signMicroAppToken } from './signToken';
import { MintedToken, MintRequest, TokenMinter } from './tokenMinter';

/**
 * What the plugin's own signer needs.
 * @public
 */
export interface SigningTokenMinterOptions {
  /** Gives the issuer (`iss`): the plugin's external base URL. */
  discovery: DiscoveryService;
  signingKeys: SigningKeys;
  /** `luigi.tokens.lifetime`, in milliseconds. */
  tokenLifetimeMs: number;
  /** Milliseconds since the epoch; tests pass their own clock. */
  now?: () => number;
}

/**
 * The default minter (`luigi.tokens.issuedBy: luigi-backend`): signs each token itself, ES256 with
 * the current key of the plugin's database, verifiable against its JWKS. Claims: `iss` (the plugin's
 * external base URL), `sub`, `aud`, `ent`, `app`, `iat`, `exp`, a fresh `jti`, and `tenant` while
 * tenants are configured. It ignores any subject token.
 * @public
 */
export class SigningTokenMinter implements TokenMinter {
  readonly #options: SigningTokenMinterOptions;

  constructor(options: SigningTokenMinterOptions) {
    this.#options = options;
  }

  async mint(request: MintRequest): Promise<MintedToken> {
    const { discovery, signingKeys, tokenLifetimeMs } = this.#options;
    const iss = await discovery.getExternalBaseUrl('luigi');
    const key = await signingKeys.signingKey();
    const now = (this.#options.now ?? Date.now)();
    const iat = Math.floor(now / 1000);
    const exp = Math.floor((now + tokenLifetimeMs) / 1000);
    const jti = randomUUID();
    const token = await signMicroAppToken(key, {
      iss,
      sub: request.userEntityRef,
      aud: request.audience,
      ent: [...request.ownershipEntityRefs],
      app: request.entityRef,
      iat,
      exp,
      jti,
      ...(request.tenant === undefined ? {} : { tenant: request.tenant }),
    });
    return { token, expiresAt: exp * 1000, tokenId: jti, issuedBy: 'luigi-backend' };
  }
}
