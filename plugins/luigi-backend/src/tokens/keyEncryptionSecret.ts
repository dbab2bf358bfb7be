import { RootConfigService } from '@backstage/backend-plugin-api';
import { TokenIssuedBy } from './createTokenMinter';

/** The setting, as messages name it. */
const KEY = 'luigi.tokens.keyEncryptionSecret';

/** The fewest characters a secret may have: 32 random bytes in base64 are 44. */
export const MIN_KEY_ENCRYPTION_SECRET_LENGTH = 32;

const HOW_TO_MAKE_ONE =
  `Make one with node -p "require('node:crypto').randomBytes(32).toString('base64')", ` +
  'keep it with the backend\'s other secrets, and give every replica the same one.';

/**
 * Reads `luigi.tokens.keyEncryptionSecret`, which encrypts the private signing keys the backend keeps
 * in its database. Required when the backend signs micro app tokens itself (`issuedBy` `luigi-backend`,
 * the default); optional with `identity-provider`, where without it the keys of earlier tokens are only
 * published. Throws, so the backend refuses to start, when it is missing though required, or shorter
 * than {@link MIN_KEY_ENCRYPTION_SECRET_LENGTH} characters. The message never shows the value.
 */
export function readKeyEncryptionSecret(config: RootConfigService, issuedBy: TokenIssuedBy): string | undefined {
  // An empty string counts as missing (getOptionalString would refuse it without saying what to do).
  const secret = config.getOptional(KEY) === '' ? undefined : config.getOptionalString(KEY);
  if (secret === undefined) {
    if (issuedBy !== 'luigi-backend') return undefined;
    throw new Error(
      `${KEY} is required when the luigi backend signs micro app tokens (luigi.tokens.issuedBy: ` +
        `luigi-backend, the default): it encrypts the private signing keys kept in the database. ${HOW_TO_MAKE_ONE}`,
    );
  }
  if (secret.length < MIN_KEY_ENCRYPTION_SECRET_LENGTH) {
    throw new Error(
      `${KEY} must be at least ${MIN_KEY_ENCRYPTION_SECRET_LENGTH} characters, got ${secret.length}. ${HOW_TO_MAKE_ONE}`,
    );
  }
  return secret;
}
