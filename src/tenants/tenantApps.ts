import { LuigiTenant } from 'backstage-plugin-luigi-common';
import { MicroApp } from '../catalog/types';

/** The apps as shown in `tenant` (each carries it into its context); the same array without one. */
export function inTenant(apps: MicroApp[], tenant: LuigiTenant | undefined): MicroApp[] {
  return tenant ? apps.map(app => ({ ...app, tenant })) : apps;
}
