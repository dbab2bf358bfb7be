import { readOAuthErrorCode, redactProviderText } from './redact';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg';
const SECRET = 'Sh0rt-s3cret!';

describe('redactProviderText', () => {
  it('keeps what a person reads', () => {
    expect(redactProviderText('Requested audience not available: component:default/orders', [TOKEN])).toBe(
      'Requested audience not available: component:default/orders',
    );
    expect(redactProviderText('client not allowed for https://apps.example.com/orders', [TOKEN])).toBe(
      'client not allowed for https://apps.example.com/orders',
    );
  });

  it('cuts out secrets whole, their fragments, and long token-like runs', () => {
    expect(redactProviderText(`token ${TOKEN} secret ${SECRET}`, [TOKEN, SECRET])).toBe(
      'token [redacted] secret [redacted]',
    );
    expect(redactProviderText(`starts ${TOKEN.slice(0, 14)}, ends ${TOKEN.slice(-10)}`, [TOKEN])).toBe(
      'starts [redacted], ends [redacted]',
    );
    expect(redactProviderText('session 3f2b9c4e-1d2a-4b7e-9f00-123456789abc expired', [])).toBe(
      'session [redacted] expired',
    );
  });

  it('turns control characters and line breaks into spaces', () => {
    expect(redactProviderText('one\r\ntwo\u2028three\u0000four\tfive', [])).toBe('one two three four five');
  });

  it('bounds the length, and gives nothing for nothing', () => {
    const text = redactProviderText('word '.repeat(100), [], 50)!;
    expect(text).toHaveLength(50);
    expect(text.endsWith('…')).toBe(true);
    expect(redactProviderText(' \n ', [])).toBeUndefined();
    expect(redactProviderText(42, [])).toBeUndefined();
    expect(redactProviderText(undefined, [])).toBeUndefined();
  });
});

describe('readOAuthErrorCode', () => {
  it('reads OAuth error codes', () => {
    expect(readOAuthErrorCode('invalid_grant', [TOKEN])).toBe('invalid_grant');
    expect(readOAuthErrorCode('urn:example:policy-denied', [TOKEN])).toBe('urn:example:policy-denied');
  });

  it.each([
    ['not a string', 400],
    ['empty', ''],
    ['with a quote', 'bad"code'],
    ['too long', 'e'.repeat(65)],
    ['a token', TOKEN],
    ['with a line break', 'invalid\ngrant'],
  ])('refuses one that is %s', (_, code) => {
    expect(readOAuthErrorCode(code, [TOKEN])).toBeUndefined();
  });
});
