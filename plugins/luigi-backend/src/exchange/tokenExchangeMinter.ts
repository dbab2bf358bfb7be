import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { MintedToken, MintRequest, TokenMinter } from '../tokens/tokenMinter';
import { readTokenExchangeConfig, TokenExchangeConfig } from './exchangeConfig';
import { buildExchangeRequest } from './exchangeRequest';
import { postExchange } from './postExchange';
import { readExchangeAnswer } from './readExchangeAnswer';

/**
 * What the token exchange minter needs.
 * @public
 */
export interface TokenExchangeMinterOptions {
  /** The settings of `luigi.tokens.exchange`, as {@link readTokenExchangeConfig} reads them. */
  settings: TokenExchangeConfig;
  /** Milliseconds since the epoch; tests pass their own clock. */
  now?: () => number;
}

/** Tokens are short strings of visible ASCII (JWTs, opaque tokens); far longer is no token. */
const SUBJECT_TOKEN = /^[\x21-\x7E]{1,16384}$/;

/**
 * Mints micro app tokens by OAuth 2.0 Token Exchange (RFC 8693) at the organisation's identity
 * provider, once the plugin's own checks have passed: the user's identity provider token is the
 * subject, the micro app's audience the target, the luigi backend's client authenticates with HTTP
 * Basic. Refuses with an InputError (400) when the request carries no usable subject token, a
 * NotAllowedError (403) when the provider refuses the exchange, a ServiceUnavailableError (503) when
 * it cannot be reached, does not answer in time, or answers with no token response. Neither tokens
 * nor the secret are logged or put in any message.
 * @public
 */
export class TokenExchangeMinter implements TokenMinter {
  /**
   * The minter for `luigi.tokens.issuedBy: identity-provider`, or undefined when the plugin signs its
   * own tokens. Throws, refusing startup, on invalid settings (see {@link readTokenExchangeConfig}).
   */
  static fromConfig(config: Config, options: Omit<TokenExchangeMinterOptions, 'settings'> = {}) {
    const settings = readTokenExchangeConfig(config);
    return settings ? new TokenExchangeMinter({ ...options, settings }) : undefined;
  }

  readonly #settings: TokenExchangeConfig;
  readonly #now: () => number;

  constructor(options: TokenExchangeMinterOptions) {
    this.#settings = options.settings;
    this.#now = options.now ?? Date.now;
  }

  /** Exchanges `request.subjectToken` for a token for `request.audience`. */
  async mint(request: MintRequest): Promise<MintedToken> {
    const { subjectToken, audience, entityRef } = request;
    if (!subjectToken) {
      throw new InputError(
        `A token for ${entityRef} from the identity provider needs the user's identity provider token ` +
          '(subjectToken in the token request)',
      );
    }
    if (!SUBJECT_TOKEN.test(subjectToken)) {
      throw new InputError("The user's identity provider token (subjectToken) is not a token");
    }
    const settings = this.#settings;
    // expires_in counts from the answer: the clock read before asking errs on the early side.
    const now = this.#now();
    const answer = await postExchange(
      settings.tokenEndpoint,
      buildExchangeRequest(settings, subjectToken, audience),
      settings.timeoutMs,
    );
    return readExchangeAnswer(answer, {
      audience,
      secrets: [subjectToken, settings.clientSecret],
      now,
    });
  }
}
