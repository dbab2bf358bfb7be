import { LuigiMicroAppTokenRequest, LuigiTokenPurpose } from 'backstage-plugin-luigi-common';
import { LuigiTokenIssuer } from '../hooks/useLuigiSettings';

/** What a micro app token request is made of. */
export interface TokenRequestInput {
  entityRef: string;
  purpose: LuigiTokenPurpose;
  /** The tenant the micro app is shown in, while tenants are configured. */
  tenant?: string;
  /** `luigi.tokens.issuedBy`. */
  issuer: LuigiTokenIssuer;
  /** The token source's current valid token, if there is one. */
  sourceToken?: string;
}

/**
 * The body of a micro app token request. The token source's token goes along only when the
 * identity provider issues per-app tokens (it is the subject of its token exchange); otherwise the
 * user's own token never leaves for the luigi backend in a body.
 */
export function microAppTokenRequest(input: TokenRequestInput): LuigiMicroAppTokenRequest {
  const { entityRef, purpose, tenant, issuer, sourceToken } = input;
  return {
    entityRef,
    purpose,
    ...(tenant !== undefined ? { tenant } : {}),
    ...(issuer === 'identity-provider' && sourceToken !== undefined ? { subjectToken: sourceToken } : {}),
  };
}
