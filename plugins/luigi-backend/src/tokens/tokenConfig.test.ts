import { mockServices } from '@backstage/backend-test-utils';
import { readTokenConfig } from './tokenConfig';

const read = (tokens?: unknown) =>
  readTokenConfig(mockServices.rootConfig({ data: tokens === undefined ? {} : { luigi: { tokens } } as any }));

describe('readTokenConfig', () => {
  it('defaults to tokens of 5 minutes and keys rotated every hour', () => {
    expect(read()).toEqual({ lifetimeMs: 300_000, keyRotationMs: 3_600_000 });
    expect(read({})).toEqual({ lifetimeMs: 300_000, keyRotationMs: 3_600_000 });
  });

  it('reads Backstage durations: objects, ms strings and ISO strings', () => {
    expect(read({ lifetime: { minutes: 2 }, keyRotation: { hours: 6 } })).toEqual({
      lifetimeMs: 120_000,
      keyRotationMs: 21_600_000,
    });
    expect(read({ lifetime: '90s', keyRotation: '1d' })).toEqual({ lifetimeMs: 90_000, keyRotationMs: 86_400_000 });
    expect(read({ lifetime: 'PT1H', keyRotation: 'PT10M' })).toEqual({ lifetimeMs: 3_600_000, keyRotationMs: 600_000 });
    expect(read({ lifetime: { seconds: 30 } }).lifetimeMs).toBe(30_000);
  });

  it.each([
    [{ lifetime: { seconds: 29 } }, 'luigi.tokens.lifetime must be between 30 seconds and 1 hour, got 29 seconds'],
    [{ lifetime: '2h' }, 'luigi.tokens.lifetime must be between 30 seconds and 1 hour, got 7200 seconds'],
    [{ lifetime: { seconds: 0 } }, 'luigi.tokens.lifetime must be between 30 seconds and 1 hour, got 0 seconds'],
    [{ keyRotation: '5m' }, 'luigi.tokens.keyRotation must be between 10 minutes and 30 days, got 300 seconds'],
    [{ keyRotation: { days: 31 } }, 'luigi.tokens.keyRotation must be between 10 minutes and 30 days, got 2678400 seconds'],
  ])('refuses %j at startup', (tokens, message) => {
    expect(() => read(tokens)).toThrow(message);
  });

  it('refuses what is not a duration', () => {
    expect(() => read({ lifetime: 'soon' })).toThrow(/luigi\.tokens\.lifetime/);
    expect(() => read({ lifetime: 300 })).toThrow(/luigi\.tokens\.lifetime/);
    expect(() => read({ keyRotation: { fortnights: 1 } })).toThrow(/luigi\.tokens\.keyRotation/);
  });
});
