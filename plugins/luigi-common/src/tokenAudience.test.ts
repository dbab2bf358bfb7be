import { checkTokenAudience, normalizeTokenAudiences, resolveTokenAudience, TokenAudiences } from './tokenAudience';

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

const ORDERS = 'component:default/orders';
const annotation = (value: string) => ({ 'luigi-project.io/token-audience': value });
const assigned = (...entries: Array<[string, string]>): TokenAudiences =>
  normalizeTokenAudiences(entries.map(([entityRef, audience]) => ({ entityRef, audience }))).audiences;

describe('resolveTokenAudience', () => {
  it("defaults to the entity ref's full lower-case form", () => {
    expect(resolveTokenAudience(undefined, 'Component:default/Orders', assigned())).toEqual({ ok: true, audience: ORDERS });
    expect(resolveTokenAudience({ 'luigi-project.io/view-url': 'https://x' }, ORDERS, assigned())).toEqual({
      ok: true,
      audience: ORDERS,
    });
  });

  it('takes the audience config assigns, with or without the annotation restating it', () => {
    const audiences = assigned([ORDERS, 'https://apps.example.com/orders']);
    expect(resolveTokenAudience(undefined, ORDERS, audiences)).toEqual({ ok: true, audience: 'https://apps.example.com/orders' });
    expect(resolveTokenAudience(annotation('https://apps.example.com/orders'), 'Component:default/Orders', audiences)).toEqual({
      ok: true,
      audience: 'https://apps.example.com/orders',
    });
  });

  it('accepts the annotation restating the entity ref', () => {
    expect(resolveTokenAudience(annotation(ORDERS), ORDERS, assigned())).toEqual({ ok: true, audience: ORDERS });
  });

  it("refuses another entity's ref, named as its owner (the attack: bob's entity claims Orders' audience)", () => {
    const check = resolveTokenAudience(annotation(ORDERS), 'component:default/bobs-app', assigned());
    expect(check).toEqual({ ok: false, reason: expect.stringContaining('"component:default/orders" belongs to component:default/orders') });
  });

  it("refuses an audience config assigned to another entity, naming that entity", () => {
    const audiences = assigned([ORDERS, 'https://apps.example.com/orders']);
    const check = resolveTokenAudience(annotation('https://apps.example.com/orders'), 'component:default/bobs-app', audiences);
    expect(check).toEqual({ ok: false, reason: expect.stringContaining('belongs to component:default/orders') });
  });

  it('refuses an audience nobody assigned: only an admin gives one', () => {
    const check = resolveTokenAudience(annotation('https://apps.example.com/orders'), ORDERS, assigned());
    expect(check).toEqual({ ok: false, reason: expect.stringContaining('is not assigned to component:default/orders') });
    expect(check.ok || check.reason).toContain('luigi.tokens.audiences');
  });

  it("refuses the entity's own ref once config assigned it another audience", () => {
    const audiences = assigned([ORDERS, 'https://apps.example.com/orders']);
    expect(resolveTokenAudience(annotation(ORDERS), ORDERS, audiences).ok).toBe(false);
  });

  it('refuses an invalid annotation (no fallback), quoting no control characters', () => {
    expect(resolveTokenAudience(annotation('two words'), ORDERS, assigned())).toEqual({
      ok: false,
      reason: 'the token audience must not contain whitespace or control characters',
    });
  });
});

describe('normalizeTokenAudiences', () => {
  it('assigns each entity one audience, each audience to one entity', () => {
    const { audiences, problems } = normalizeTokenAudiences([
      { entityRef: 'Component:default/Orders', audience: 'https://apps.example.com/orders' },
      { entityRef: 'component:logistics/shipments', audience: 'urn:shipments' },
    ]);
    expect(problems).toEqual([]);
    expect([...audiences]).toEqual([
      [ORDERS, 'https://apps.example.com/orders'],
      ['component:logistics/shipments', 'urn:shipments'],
    ]);
  });

  it.each([
    ['a shorthand ref', { entityRef: 'orders', audience: 'x' }, 'is not a full entity ref'],
    ['an invalid audience', { entityRef: ORDERS, audience: 'two words' }, 'must not contain whitespace'],
    ["another entity's ref as audience", { entityRef: ORDERS, audience: 'component:default/payments' }, 'is the entity ref of another entity'],
  ])('refuses %s', (_label, entry, reason) => {
    const { audiences, problems } = normalizeTokenAudiences([entry]);
    expect(audiences.size).toBe(0);
    expect(problems).toEqual([expect.stringContaining(reason)]);
  });

  it('refuses an audience or an entity listed twice', () => {
    const { audiences, problems } = normalizeTokenAudiences([
      { entityRef: ORDERS, audience: 'urn:a' },
      { entityRef: 'component:default/payments', audience: 'urn:a' },
      { entityRef: ORDERS, audience: 'urn:b' },
    ]);
    expect([...audiences]).toEqual([[ORDERS, 'urn:a']]);
    expect(problems).toEqual([
      'luigi.tokens.audiences[1].audience "urn:a" is assigned to component:default/orders already',
      'luigi.tokens.audiences[2].entityRef component:default/orders has an audience already',
    ]);
  });
});
