/** The origin of a frame's URL, or undefined for an opaque one (about:, data:), which matches no message. */
export function frameOriginOf(url: string): string | undefined {
  try {
    const { origin } = new URL(url);
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}
