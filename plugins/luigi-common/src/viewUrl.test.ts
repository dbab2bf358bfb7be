import { normalizeAllowedOrigins } from './viewUrl';

describe('normalizeAllowedOrigins', () => {
  it('keeps origins, reports entries with paths or garbage', () => {
    expect(
      normalizeAllowedOrigins(['https://a.example.com/', 'https://b.example.com/path', 'nope']),
    ).toEqual({ origins: new Set(['https://a.example.com']), invalid: ['https://b.example.com/path', 'nope'] });
  });
});
