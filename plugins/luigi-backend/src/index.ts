/**
 * The backend half of backstage-plugin-luigi: `backend.add(import('backstage-plugin-luigi-backend'))`,
 * and its catalog module from `backstage-plugin-luigi-backend/catalog`.
 * @packageDocumentation
 */
export { luigiPlugin as default } from './plugin';
