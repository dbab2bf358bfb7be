import { createBackendModule } from '@backstage/backend-plugin-api';
import { ANNOTATION_LOCATION, ANNOTATION_ORIGIN_LOCATION, UserEntity } from '@backstage/catalog-model';
import { EntityProvider, EntityProviderConnection, catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';

/** A user of the dev identity provider's directory (dev/oidc/users.mjs). */
interface DirectoryUser {
  sub: string;
  name: string;
  email: string;
  groups: readonly string[];
}

const LOCATION = 'dev-identity-provider:users';

/** The catalog User of one directory user, a member of the identity provider's groups. */
export function userEntityOf(user: DirectoryUser): UserEntity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: {
      name: user.sub,
      annotations: { [ANNOTATION_LOCATION]: LOCATION, [ANNOTATION_ORIGIN_LOCATION]: LOCATION },
    },
    spec: { profile: { displayName: user.name, email: user.email }, memberOf: [...user.groups] },
  };
}

/**
 * Puts the dev identity provider's users in the catalog with the provider's groups as their
 * memberships, as an organisation provider does for a real identity provider (Keycloak, LDAP,
 * Entra ID …). RBAC finds a user's roles through these memberships; the groups themselves are
 * catalog entities of dev/catalog/org.yaml.
 */
class DevIdentityOrgProvider implements EntityProvider {
  getProviderName(): string {
    return 'dev-identity-provider-org';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    // The directory is an ES module shared with the identity provider itself.
    const { users } = (await import('../oidc/users.mjs')) as { users: readonly DirectoryUser[] };
    await connection.applyMutation({
      type: 'full',
      entities: users.map(user => ({ entity: userEntityOf(user), locationKey: LOCATION })),
    });
  }
}

/** Installs {@link DevIdentityOrgProvider} in the catalog. */
export const devIdentityOrgModule = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'dev-identity-org',
  register(env) {
    env.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addEntityProvider(new DevIdentityOrgProvider());
      },
    });
  },
});
