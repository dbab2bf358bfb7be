/** The result of {@link readJsonAnnotation}: the parsed value, or why there is none. */
export type JsonAnnotationRead = { ok: true; value: unknown } | { ok: false; reason: string };

/**
 * Parses an annotation that holds JSON text, refusing a value that is no string, longer than
 * `maxLength` characters (checked before parsing), or no valid JSON. Pure.
 * @param subject - what the reasons call the value, with its verb: `the node settings are`
 */
export function readJsonAnnotation(raw: unknown, subject: string, maxLength: number): JsonAnnotationRead {
  if (typeof raw !== 'string') return { ok: false, reason: `${subject} not a string` };
  if (raw.length > maxLength) return { ok: false, reason: `${subject} longer than ${maxLength} characters` };
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch {
    return { ok: false, reason: `${subject} not valid JSON` };
  }
}
