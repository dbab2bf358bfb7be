import { RootConfigService } from '@backstage/backend-plugin-api';

/** The app-config key that keeps a policy letting everybody in on purpose. */
export const ON_PURPOSE_CONFIG_KEY = 'luigi.access.policyAllowsEveryoneOnPurpose';

/**
 * Whether app-config says the portal's policy lets everybody open every micro app on purpose
 * (`luigi.access.policyAllowsEveryoneOnPurpose: true`): the plugin then still records what it finds
 * in the audit trail, but logs it at info and shows no warning on the page.
 */
export function readPolicyAllowsEveryoneOnPurpose(config: RootConfigService): boolean {
  return config.getOptionalBoolean(ON_PURPOSE_CONFIG_KEY) === true;
}
