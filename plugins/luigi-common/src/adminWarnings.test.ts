import { parseAdminWarnings } from './adminWarnings';

const warning = {
  id: 'unconditional-allow-without-group',
  title: 'Everybody may open every micro app',
  message: 'The permission policy allowed user:default/guest, who belongs to no group.',
  fix: 'Grant luigi.micro-frontend.open to groups.',
  detectedAt: '2026-12-07T10:00:00.000Z',
};

describe('parseAdminWarnings', () => {
  it('keeps the warnings it knows, with their fields only', () => {
    expect(parseAdminWarnings({ warnings: [{ ...warning, extra: 'x' }] })).toEqual({ warnings: [warning] });
  });

  it('drops warnings of unknown ids or with fields that are not short texts', () => {
    const answer = {
      warnings: [
        { ...warning, id: 'something-new' },
        { ...warning, fix: 42 },
        { ...warning, message: 'x'.repeat(5_000) },
        null,
        warning,
      ],
    };
    expect(parseAdminWarnings(answer)).toEqual({ warnings: [warning] });
  });

  it('refuses an answer that is not one', () => {
    for (const value of [undefined, null, {}, { warnings: {} }, []]) {
      expect(() => parseAdminWarnings(value)).toThrow(/admin warnings/);
    }
  });
});
