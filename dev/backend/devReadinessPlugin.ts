import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { Router } from 'express';

/**
 * Dev only: `GET /api/dev-readiness/catalog` answers 200 once the catalog has ingested the sample
 * entities (503 before), so `npm start` and the browser tests wait for a usable portal rather than
 * for an empty catalog. `?entityRef=<ref>` (repeatable) waits for those entities too (the benchmark's
 * generated ones, from LUIGI_DEV_EXTRA_CATALOG in dev/start.mjs).
 */
export const devReadinessPlugin = createBackendPlugin({
  pluginId: 'dev-readiness',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter, auth: coreServices.auth, catalog: catalogServiceRef },
      async init({ httpRouter, auth, catalog }) {
        const router = Router();
        router.get('/catalog', async (req, res) => {
          // The last entity of the last sample file: once it is processed, all of them are.
          const extra = ([] as unknown[]).concat(req.query.entityRef ?? []).map(String);
          const { items } = await catalog.getEntitiesByRefs(
            { entityRefs: ['component:default/malformed-url', 'user:default/bob', ...extra], fields: ['metadata.name'] },
            { credentials: await auth.getOwnServiceCredentials() },
          );
          res.status(items.every(Boolean) ? 200 : 503).json({ ready: items.every(Boolean) });
        });
        httpRouter.use(router);
        httpRouter.addAuthPolicy({ path: '/catalog', allow: 'unauthenticated' });
      },
    });
  },
});
