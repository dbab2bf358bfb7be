/**
 * The scaffolder module of backstage-plugin-luigi-backend: the `luigi:registration:validate` action
 * for Software Templates. `backend.add(import('backstage-plugin-luigi-backend/scaffolder'))`.
 * @packageDocumentation
 */
import './peerCheck';

export { scaffolderModuleLuigiRegistration as default } from './module';
export { createRegistrationValidateAction, REGISTRATION_VALIDATE_ACTION_ID } from './registrationValidateAction';
export type { RegistrationValidationRules } from '../registrations/validateRegistrations';
