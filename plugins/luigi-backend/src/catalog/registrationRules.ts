import { ClientPermissionLimits } from 'backstage-plugin-luigi-common';

/**
 * The admin's settings an entity's registration is checked against, on the server as in the
 * frontend: `luigi.allowedOrigins` and `luigi.clientPermissions`.
 */
export interface RegistrationRules {
  /** `luigi.allowedOrigins` (or a tenant's narrower list), as origins. */
  allowedOrigins: ReadonlySet<string>;
  /** `luigi.clientPermissions`; absent: none may be granted. */
  clientPermissions?: ClientPermissionLimits;
}
