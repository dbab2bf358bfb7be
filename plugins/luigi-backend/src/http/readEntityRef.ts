import { makeValidator, parseEntityRef } from '@backstage/catalog-model';

const validator = makeValidator();

/**
 * The longest entity ref of valid parts: kind, namespace and name of at most 63 characters each,
 * and their two separators. Longer input is refused before it is parsed.
 */
export const MAX_ENTITY_REF_LENGTH = 3 * 63 + 2;

/**
 * An entity ref a client sent, normalized (lower case, full form: `kind:namespace/name`, the
 * namespace `default` when absent), if it is one by Backstage's own rules (`makeValidator()` of
 * `@backstage/catalog-model`: kind, namespace as a DNS label and name each at most 63 characters
 * of their alphabet), else undefined. Refs are case-insensitive, so the rules apply to the
 * normalized parts.
 */
export function validEntityRef(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_ENTITY_REF_LENGTH) return undefined;
  let parts;
  try {
    parts = parseEntityRef(value);
  } catch {
    return undefined;
  }
  const [kind, namespace, name] = [parts.kind, parts.namespace, parts.name].map(part =>
    part.toLocaleLowerCase('en-US'),
  );
  const valid =
    validator.isValidKind(kind) && validator.isValidNamespace(namespace) && validator.isValidEntityName(name);
  return valid ? `${kind}:${namespace}/${name}` : undefined;
}
