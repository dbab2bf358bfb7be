import { LuigiAccessDecisions } from 'backstage-plugin-luigi-common';
import { LuigiAccessApi } from '../access/luigiAccessApi';

/**
 * A {@link LuigiAccessApi} for tests, answering as the backend would under the permission framework:
 * allow what `allows(entityRef)` says (every entity by default), deny the rest by policy.
 */
export function accessApiAllowing(allows: (entityRef: string) => boolean = () => true): LuigiAccessApi & {
  asked: string[][];
} {
  const asked: string[][] = [];
  return {
    asked,
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
