import { ConfigReader } from '@backstage/config';
import { startLuigiTestBackend } from '../testing/testBackend';
import { createTokenMinter, readTokenIssuedBy } from './createTokenMinter';
import { TokenMinter } from './tokenMinter';

const minter = (name: string): TokenMinter => ({
  mint: async () => ({ token: name, expiresAt: 1, issuedBy: 'luigi-backend' }),
});

describe('readTokenIssuedBy', () => {
  it('defaults to the luigi backend', () => {
    expect(readTokenIssuedBy(new ConfigReader({}))).toBe('luigi-backend');
  });

  it.each(['luigi-backend', 'identity-provider'])('reads %s', issuedBy => {
    expect(readTokenIssuedBy(new ConfigReader({ luigi: { tokens: { issuedBy } } }))).toBe(issuedBy);
  });

  it('stops the backend from starting on anything else', async () => {
    await expect(startLuigiTestBackend({ luigi: { tokens: { issuedBy: 'keycloak' } } })).rejects.toThrow(
      'luigi.tokens.issuedBy must be one of luigi-backend, identity-provider, got "keycloak"',
    );
  });
});

describe('createTokenMinter', () => {
  it('makes only the minter asked for', () => {
    const signer = jest.fn(() => minter('signer'));
    const exchange = jest.fn(() => minter('exchange'));
    createTokenMinter({ issuedBy: 'luigi-backend', luigiBackend: signer, identityProvider: exchange });
    expect(signer).toHaveBeenCalledTimes(1);
    expect(exchange).not.toHaveBeenCalled();
    createTokenMinter({ issuedBy: 'identity-provider', luigiBackend: signer, identityProvider: exchange });
    expect(exchange).toHaveBeenCalledTimes(1);
    expect(signer).toHaveBeenCalledTimes(1);
  });

  it('never falls back to signing when the identity provider is asked for and no exchange is given', () => {
    const signer = jest.fn(() => minter('signer'));
    expect(() => createTokenMinter({ issuedBy: 'identity-provider', luigiBackend: signer })).toThrow(
      'luigi.tokens.issuedBy is identity-provider, but this backend has no token exchange minter',
    );
    expect(signer).not.toHaveBeenCalled();
  });
});
