/**
 * `POST /api/luigi/registrations/validate`: checks catalog entities (a `catalog-info.yaml`) against
 * the portal's registration rules before they are registered, for micro app teams' CI pipelines and
 * the scaffolder. It answers the reasons the entity page would show after ingestion.
 */
export const LUIGI_REGISTRATION_VALIDATION_PATH = '/registrations/validate';

/** At most this many documents in one validation request. */
export const MAX_VALIDATED_DOCUMENTS = 100;

/** The verdict on one document of a validated `catalog-info.yaml`. */
export interface LuigiRegistrationVerdict {
  /** The document's position in the file, from 0. */
  document: number;
  /** `kind:namespace/name`, when the document names one. */
  entityRef?: string;
  /** Whether the catalog takes the entity and every micro frontend it registers is shown. */
  valid: boolean;
  /** One line per problem, as the entity page shows it after ingestion. */
  problems: string[];
}

/** The answer of {@link LUIGI_REGISTRATION_VALIDATION_PATH}. */
export interface LuigiRegistrationValidation {
  /** Every document is valid. */
  valid: boolean;
  documents: LuigiRegistrationVerdict[];
}
