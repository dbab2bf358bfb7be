import { auditableError, redactSecrets } from './redactSecrets';

const SECRET = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl';

describe('redactSecrets', () => {
  it('leaves text without any part of a secret alone', () => {
    expect(redactSecrets('the identity provider did not answer', [SECRET, undefined])).toBe(
      'the identity provider did not answer',
    );
  });

  it('redacts a whole secret, and any run of 16 characters of one', () => {
    expect(redactSecrets(`bad token ${SECRET}!`, [SECRET])).toBe('bad token [redacted]!');
    expect(redactSecrets(`starts ${SECRET.slice(5, 21)} and ${SECRET.slice(30)}`, [SECRET])).toBe(
      'starts [redacted] and [redacted]',
    );
  });

  it('keeps runs shorter than 16 characters, which do not identify a secret', () => {
    expect(redactSecrets(`prefix ${SECRET.slice(0, 15)}`, [SECRET])).toBe(`prefix ${SECRET.slice(0, 15)}`);
  });

  it('redacts a short secret as a whole', () => {
    expect(redactSecrets('pin 1234 given', ['1234'])).toBe('pin [redacted] given');
  });
});

describe('auditableError', () => {
  it('keeps the name, redacts the message, and drops stack and cause', () => {
    const cause = new Error(SECRET);
    const error = Object.assign(new Error(`refused ${SECRET}`, { cause }), { name: 'NotAllowedError' });
    const safe = auditableError(error, [SECRET]);
    expect(safe).toMatchObject({ name: 'NotAllowedError', message: 'refused [redacted]' });
    expect(safe.stack).toBe('NotAllowedError: refused [redacted]');
    expect(safe.cause).toBeUndefined();
  });
});

describe('auditableError, for any error', () => {
  it('bounds and cleans name and message, and keeps no URL of an internal error', () => {
    const huge = Object.assign(new Error(`bad\u0000 ${'x'.repeat(3 * 1024 * 1024)}`), { name: 'InputError' });
    expect(auditableError(huge, []).message.length).toBeLessThanOrEqual(200);
    expect(auditableError(huge, []).message).not.toMatch(/\p{Cc}/u);
    const internal = new Error('request to http://catalog.internal:7007/api/catalog/entities failed');
    expect(auditableError(internal, []).message).toBe('request to [url] failed');
    // A message of ours keeps the origin it names (a registration's view URL, say).
    const ours = Object.assign(new Error('origin https://evil.example.net is not allowed'), { name: 'NotAllowedError' });
    expect(auditableError(ours, []).message).toBe('origin https://evil.example.net is not allowed');
  });
});
