import { auditableError, redactSecrets, withoutSecrets } from './redactSecrets';

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

describe('withoutSecrets', () => {
  it('is the error itself when it holds no part of a secret, else a redacted copy of the same name', () => {
    const clean = new Error('no');
    expect(withoutSecrets(clean, [SECRET])).toBe(clean);
    const leaky = Object.assign(new Error(`token ${SECRET}`), { name: 'InputError' });
    expect(withoutSecrets(leaky, [SECRET])).toMatchObject({ name: 'InputError', message: 'token [redacted]' });
  });
});
