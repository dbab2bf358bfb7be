import { Entity } from '@backstage/catalog-model';
import {
  ClientPermissionLimits,
  FrameLimits,
  NO_CLIENT_PERMISSIONS,
  RegistrantClaimRules,
} from 'backstage-plugin-luigi-common';
import { CatalogProcessor } from '@backstage/plugin-catalog-node';
import { withRegistrationStatus } from './registrationStatus';

/**
 * Checks the `luigi-project.io/*` annotations of every entity as the catalog processes it, with the
 * rules the frontend applies, and attaches what is wrong to the entity's status, where its entity page
 * shows it to the owner. Never fails processing: a bad registration hides only the micro frontend.
 * @public
 */
export class LuigiRegistrationProcessor implements CatalogProcessor {
  constructor(
    private readonly allowedOrigins: ReadonlySet<string>,
    /** What entities may ask for their frames (`luigi.frames.*`); default nothing. */
    private readonly frameLimits: FrameLimits = { allow: [], sandbox: [] },
    /** Which client permissions node settings may grant (`luigi.clientPermissions`); default none. */
    private readonly clientPermissions: ClientPermissionLimits = NO_CLIENT_PERMISSIONS,
    /** What config gives entities (`luigi.tokens.audiences`, `luigi.tenants`); default: audiences are refs, no tenants. */
    private readonly claimRules?: RegistrantClaimRules,
  ) {}

  getProcessorName(): string {
    return 'LuigiRegistrationProcessor';
  }

  async postProcessEntity(entity: Entity): Promise<Entity> {
    return withRegistrationStatus(entity, this.allowedOrigins, this.frameLimits, this.clientPermissions, this.claimRules);
  }
}
