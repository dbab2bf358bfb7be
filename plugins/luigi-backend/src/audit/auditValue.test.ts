import { auditValue, MAX_AUDIT_VALUE_LENGTH, TRUNCATION_MARKER } from './auditValue';

describe('auditValue', () => {
  it('leaves a short printable value alone', () => {
    expect(auditValue('component:default/orders')).toBe('component:default/orders');
    expect(auditValue('Zürich – 東京 🚀')).toBe('Zürich – 東京 🚀');
  });

  it('replaces control, bidi and zero-width characters, and line separators, by U+FFFD', () => {
    expect(auditValue('a\u0000b\nc\u001b[31m')).toBe('a\uFFFDb\uFFFDc\uFFFD[31m');
    expect(auditValue('\u202Eevil\u202C \u2066x\u2069 z\u200Bw\u200D\uFEFF')).toBe('\uFFFDevil\uFFFD \uFFFDx\uFFFD z\uFFFDw\uFFFD\uFFFD');
    expect(auditValue('one\u2028two\u2029three')).toBe('one\uFFFDtwo\uFFFDthree');
    expect(auditValue('lone \uD800 half')).toBe('lone \uFFFD half');
  });

  it('cuts a long value to the bound, marked, whatever its length', () => {
    for (const length of [MAX_AUDIT_VALUE_LENGTH + 1, 19 * 1024, 2 * 1024 * 1024]) {
      const value = auditValue('x'.repeat(length));
      expect(value).toHaveLength(MAX_AUDIT_VALUE_LENGTH);
      expect(value.endsWith(TRUNCATION_MARKER)).toBe(true);
    }
    expect(auditValue('x'.repeat(MAX_AUDIT_VALUE_LENGTH))).toBe('x'.repeat(MAX_AUDIT_VALUE_LENGTH));
  });

  it('never cuts a character in two', () => {
    const value = auditValue('🚀'.repeat(MAX_AUDIT_VALUE_LENGTH));
    expect(value).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(value.length).toBeLessThanOrEqual(MAX_AUDIT_VALUE_LENGTH);
  });

  it('is idempotent', () => {
    for (const value of ['plain', `\u202E${'y'.repeat(500)}\u0000`, '🚀'.repeat(300)]) {
      expect(auditValue(auditValue(value))).toBe(auditValue(value));
    }
  });
});
