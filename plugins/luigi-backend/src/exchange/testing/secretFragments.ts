/** The shortest piece of a secret that counts as leaked: long enough never to occur by chance. */
const FRAGMENT_LENGTH = 12;

/**
 * The first fragment of any of `secrets` found in `text`, if any: every window of 12 characters of
 * every secret is looked for.
 */
export function findSecretFragment(text: string, secrets: readonly string[]): string | undefined {
  for (const secret of secrets) {
    for (let start = 0; start + FRAGMENT_LENGTH <= secret.length; start += 1) {
      const fragment = secret.slice(start, start + FRAGMENT_LENGTH);
      if (text.includes(fragment)) return fragment;
    }
  }
  return undefined;
}
