import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { LUIGI_REGISTRATION_VALIDATION_PATH } from 'backstage-plugin-luigi-common';
import express from 'express';
import Router from 'express-promise-router';
import { textBodyReader } from '../http/readJsonBody';
import { RegistrationValidationRules, validateRegistrations } from './validateRegistrations';

/** The content types the route reads a `catalog-info.yaml` as. */
export const REGISTRATION_VALIDATION_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'];

/** What the registration validation route needs. */
export interface RegistrationValidationRouteOptions extends RegistrationValidationRules {
  httpAuth: HttpAuthService;
}

/**
 * `POST /registrations/validate`: the body is a `catalog-info.yaml` (one or more documents, at most
 * 1 MB, content type `application/yaml`); the answer lists each document's problems in the words of
 * the entity page after ingestion, from the same rules the catalog module applies (the catalog's own
 * entity checks, then `luigi.allowedOrigins`, `luigi.frames`, `luigi.clientPermissions`,
 * `luigi.tokens.audiences` and `luigi.tenants`). A signed-in user or a service (a CI pipeline with a
 * static token of Backstage's external access) may ask; it reads no catalog and changes nothing.
 * 200 with `valid: false` for problems, 400 for a body that is no YAML.
 */
export function createRegistrationValidationRoute(options: RegistrationValidationRouteOptions): express.Router {
  const router = Router();
  const readBody = textBodyReader(1024 * 1024, REGISTRATION_VALIDATION_TYPES);
  router.post(LUIGI_REGISTRATION_VALIDATION_PATH, async (req, res) => {
    await options.httpAuth.credentials(req, { allow: ['user', 'service'] });
    const body = await readBody(req, res);
    if (typeof body !== 'string') {
      throw new InputError(`Send the catalog-info.yaml as the body, with Content-Type: ${REGISTRATION_VALIDATION_TYPES[0]}`);
    }
    res.setHeader('Cache-Control', 'no-store');
    res.json(await validateRegistrations(body, options));
  });
  return router;
}
