import express from 'express';

/**
 * The luigi backend plugin's routes. For now its health; access decisions, micro app tokens and
 * their audit come next, behind the same router.
 */
export function createRouter(): express.Router {
  const router = express.Router();
  router.use(express.json());
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  return router;
}
