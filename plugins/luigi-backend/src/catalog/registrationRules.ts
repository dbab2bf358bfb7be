import { NodeSettingsRules } from 'backstage-plugin-luigi-common';

/**
 * The admin's settings an entity's registration is checked against, on the server as in the
 * frontend: `luigi.allowedOrigins` (or a tenant's narrower list) and `luigi.clientPermissions`; the
 * node settings' own rules without the view URL, which each check reads from the entity.
 */
export type RegistrationRules = Pick<NodeSettingsRules, 'allowedOrigins' | 'clientPermissions'>;
