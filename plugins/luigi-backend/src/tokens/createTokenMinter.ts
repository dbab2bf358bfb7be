import { RootConfigService } from '@backstage/backend-plugin-api';
import { MintedToken, TokenMinter } from './tokenMinter';

/**
 * Who issues micro app tokens (`luigi.tokens.issuedBy`).
 * @public
 */
export type TokenIssuedBy = MintedToken['issuedBy'];

const ISSUERS: readonly TokenIssuedBy[] = ['luigi-backend', 'identity-provider'];

/**
 * Reads `luigi.tokens.issuedBy` (default `luigi-backend`). Throws, so the backend refuses to start,
 * on any other value.
 * @public
 */
export function readTokenIssuedBy(config: RootConfigService): TokenIssuedBy {
  const value = config.getOptionalString('luigi.tokens.issuedBy') ?? 'luigi-backend';
  if (!ISSUERS.includes(value as TokenIssuedBy)) {
    throw new Error(`luigi.tokens.issuedBy must be one of ${ISSUERS.join(', ')}, got "${value}"`);
  }
  return value as TokenIssuedBy;
}

/**
 * The minters to choose from, each made only when chosen.
 * @public
 */
export interface CreateTokenMinterOptions {
  /** `luigi.tokens.issuedBy`, see {@link readTokenIssuedBy}. */
  issuedBy: TokenIssuedBy;
  /** Makes the plugin's own signer (`luigi-backend`), e.g. a `SigningTokenMinter`. */
  luigiBackend: () => TokenMinter;
  /** Makes the token exchange with the identity provider (`identity-provider`). */
  identityProvider?: () => TokenMinter;
}

/**
 * The minter `luigi.tokens.issuedBy` asks for. Throws, so the backend refuses to start, when it asks
 * for the identity provider and no token exchange minter is given: tokens are never silently signed
 * by the plugin instead.
 * @public
 */
export function createTokenMinter(options: CreateTokenMinterOptions): TokenMinter {
  if (options.issuedBy === 'luigi-backend') return options.luigiBackend();
  if (!options.identityProvider) {
    throw new Error(
      'luigi.tokens.issuedBy is identity-provider, but this backend has no token exchange minter to obtain tokens with',
    );
  }
  return options.identityProvider();
}
