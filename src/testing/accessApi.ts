import { LuigiAccessDecisions, LuigiMicroAppToken } from 'backstage-plugin-luigi-common';
import { LuigiAccessApi } from '../access/luigiAccessApi';

/**
 * A {@link LuigiAccessApi} for tests, answering as the backend would under the permission framework:
 * allow what `allows(entityRef)` says (every entity by default), deny the rest by policy. Tokens
 * are `token-for:<entityRef>#<n>`, valid for five minutes, refused (403) for denied entities.
 */
export function accessApiAllowing(allows: (entityRef: string) => boolean = () => true): LuigiAccessApi & {
  asked: string[][];
  issued: string[];
} {
  const asked: string[][] = [];
  const issued: string[] = [];
  return {
    asked,
    issued,
    async issueToken(entityRef: string): Promise<LuigiMicroAppToken> {
      if (!allows(entityRef)) throw new Error(`403: may not open ${entityRef}`);
      issued.push(entityRef);
      return {
        token: `token-for:${entityRef}#${issued.length}`,
        expiresAt: Date.now() + 300_000,
        audience: entityRef,
        entityRef,
      };
    },
    async decide(entityRefs: string[]): Promise<LuigiAccessDecisions> {
      asked.push(entityRefs);
      return {
        mode: 'permission-framework',
        decisions: entityRefs.map(entityRef =>
          allows(entityRef)
            ? { entityRef: entityRef.toLocaleLowerCase('en-US'), result: 'allow' as const }
            : { entityRef: entityRef.toLocaleLowerCase('en-US'), result: 'deny' as const, reason: 'policy' as const },
        ),
      };
    },
  };
}
