/**
 * The catalog module of backstage-plugin-luigi-backend: micro frontend registrations checked at
 * ingestion. `backend.add(import('backstage-plugin-luigi-backend/catalog'))`.
 * @packageDocumentation
 */
export { catalogModuleLuigiRegistrations as default } from './module';
export { LuigiRegistrationProcessor } from './LuigiRegistrationProcessor';
