import { checkTokenAudience, resolveTokenAudience } from './tokenAudience';

describe('checkTokenAudience', () => {
  it.each(['https://apps.example.com/orders', 'orders', 'urn:example:orders', 'ä'.repeat(255)])(
    'accepts %j as given',
    value => {
      expect(checkTokenAudience(value)).toEqual({ ok: true, audience: value });
    },
  );

  it.each([
    ['an empty value', '', 'the token audience annotation is empty'],
    ['a non-string', 42, 'the token audience annotation is empty'],
    ['256 characters', 'a'.repeat(256), 'the token audience is 256 characters long; at most 255 are allowed'],
    ['a space', 'my app', 'the token audience must not contain whitespace or control characters'],
    ['a trailing newline', 'orders\n', 'the token audience must not contain whitespace or control characters'],
    ['a leading space', ' orders', 'the token audience must not contain whitespace or control characters'],
    ['a tab', 'or\tders', 'the token audience must not contain whitespace or control characters'],
    ['a NUL', 'or\u0000ders', 'the token audience must not contain whitespace or control characters'],
    ['a DEL', 'orders\u007f', 'the token audience must not contain whitespace or control characters'],
    ['a zero-width space', 'or\u200bders', 'the token audience must not contain whitespace or control characters'],
    ['a no-break space', 'or\u00a0ders', 'the token audience must not contain whitespace or control characters'],
  ])('refuses %s', (_label, value, reason) => {
    expect(checkTokenAudience(value)).toEqual({ ok: false, reason });
  });
});

describe('resolveTokenAudience', () => {
  it("defaults to the entity ref's full lower-case form", () => {
    expect(resolveTokenAudience(undefined, 'Component:default/Orders')).toEqual({
      ok: true,
      audience: 'component:default/orders',
    });
    expect(resolveTokenAudience({ 'luigi-project.io/view-url': 'https://x' }, 'component:default/orders')).toEqual({
      ok: true,
      audience: 'component:default/orders',
    });
  });

  it('takes the annotation when present, and refuses it when invalid (no fallback)', () => {
    const annotation = (value: string) => ({ 'luigi-project.io/token-audience': value });
    expect(resolveTokenAudience(annotation('https://apps.example.com/orders'), 'component:default/orders')).toEqual({
      ok: true,
      audience: 'https://apps.example.com/orders',
    });
    expect(resolveTokenAudience(annotation('two words'), 'component:default/orders')).toEqual({
      ok: false,
      reason: 'the token audience must not contain whitespace or control characters',
    });
  });
});
