import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { Router } from 'express';

/**
 * Dev only: `GET /api/dev-readiness/catalog` answers 200 once the catalog has ingested the sample
 * entities (503 before), so `npm start` and the browser tests wait for a usable portal rather than
 * for an empty catalog. `?entityRef=<ref>` (repeatable) waits for those entities too (the benchmark's
 * generated ones, from LUIGI_DEV_EXTRA_CATALOG in dev/start.mjs), and `?tag=<tag>&count=<n>` for at
 * least `n` entities carrying the tag: a catalog file's entities are processed in no particular
 * order, so its first, middle and last entity being there does not mean the rest is. The answer
 * says how many tagged entities the catalog holds so far (`tagged`), for progress messages.
 */
export const devReadinessPlugin = createBackendPlugin({
  pluginId: 'dev-readiness',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter, auth: coreServices.auth, catalog: catalogServiceRef },
      async init({ httpRouter, auth, catalog }) {
        const router = Router();
        router.get('/catalog', async (req, res) => {
          const credentials = await auth.getOwnServiceCredentials();
          // The last entity of the last sample file: once it is processed, all of them are.
          const extra = ([] as unknown[]).concat(req.query.entityRef ?? []).map(String);
          const { items } = await catalog.getEntitiesByRefs(
            { entityRefs: ['component:default/malformed-url', 'user:default/bob', ...extra], fields: ['metadata.name'] },
            { credentials },
          );
          let ready = items.every(Boolean);
          let tagged: number | undefined;
          const tag = typeof req.query.tag === 'string' ? req.query.tag : undefined;
          const count = Number(req.query.count ?? 0);
          if (tag !== undefined) {
            const { totalItems } = await catalog.queryEntities(
              { filter: { 'metadata.tags': tag }, limit: 1, fields: ['metadata.name'] },
              { credentials },
            );
            tagged = totalItems;
            ready = ready && totalItems >= count;
          }
          res.status(ready ? 200 : 503).json(tagged === undefined ? { ready } : { ready, tagged });
        });
        httpRouter.use(router);
        httpRouter.addAuthPolicy({ path: '/catalog', allow: 'unauthenticated' });
      },
    });
  },
});
