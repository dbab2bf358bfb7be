import {
  componentEntityV1alpha1Validator,
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  KindValidator,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  apiEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  stringifyEntityRef,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  ClientPermissionLimits,
  FrameLimits,
  LuigiRegistrationValidation,
  LuigiRegistrationVerdict,
  MAX_VALIDATED_DOCUMENTS,
  printable,
  RegistrantClaimRules,
} from 'backstage-plugin-luigi-common';
import { parseAllDocuments } from 'yaml';
import { registrationProblemMessages } from '../catalog/registrationStatus';

/** The portal's registration rules, as the catalog module reads them from config. */
export interface RegistrationValidationRules {
  allowedOrigins: ReadonlySet<string>;
  frameLimits: FrameLimits;
  clientPermissions: ClientPermissionLimits;
  claimRules: RegistrantClaimRules;
}

// What Backstage's catalog checks of every entity it ingests, in its order: an entity it refuses
// never registers a micro frontend at all.
const envelope = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);
const builtinKinds: KindValidator[] = [
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
];

/** A parser's or validator's message, which may quote the document, on one printable line of at most 400 characters. */
function oneLine(message: string): string {
  const chars = [...printable(message.replace(/\s+/g, ' ').trim())];
  return chars.length > 400 ? `${chars.slice(0, 399).join('')}…` : chars.join('');
}

/** The catalog's verdict on one document: the entity as it would be stored, or why it is refused. */
async function catalogEntity(document: unknown): Promise<{ entity?: Entity; problem?: string }> {
  try {
    const entity = await envelope.enforce(document as Entity);
    if (!entity) return { problem: 'Not a catalog entity' };
    for (const validator of builtinKinds) {
      // A kind validator answers false for kinds it does not know and throws for a bad one it knows.
      if (await validator.check(entity)) break;
    }
    return { entity };
  } catch (error) {
    return { problem: `Not a valid catalog entity: ${oneLine((error as Error).message)}` };
  }
}

/** Verdicts on every document of a `catalog-info.yaml`, with the rules ingestion applies. */
export async function validateRegistrations(
  yamlText: string,
  rules: RegistrationValidationRules,
): Promise<LuigiRegistrationValidation> {
  const parsed = parseAllDocuments(yamlText);
  const documents = Array.isArray(parsed) ? parsed : [parsed];
  const broken = documents.find(document => document.errors.length > 0);
  if (broken) throw new InputError(`Not valid YAML: ${oneLine(broken.errors[0].message)}`);
  const contents = documents.filter(document => document.contents !== null);
  if (contents.length === 0) throw new InputError('No YAML document to validate');
  if (contents.length > MAX_VALIDATED_DOCUMENTS) {
    throw new InputError(`At most ${MAX_VALIDATED_DOCUMENTS} documents per request, not ${contents.length}`);
  }
  const verdicts: LuigiRegistrationVerdict[] = [];
  for (const [index, document] of contents.entries()) {
    let value: unknown;
    try {
      // Aliases expanding beyond 100 nodes are refused: a small file must not cost the backend much.
      value = document.toJS({ maxAliasCount: 100 });
    } catch (error) {
      verdicts.push({ document: index, valid: false, problems: [`Not valid YAML: ${oneLine((error as Error).message)}`] });
      continue;
    }
    const { entity, problem } = await catalogEntity(value);
    if (!entity) {
      verdicts.push({ document: index, valid: false, problems: [problem ?? 'Not a catalog entity'] });
      continue;
    }
    const problems = registrationProblemMessages(
      entity,
      rules.allowedOrigins,
      rules.frameLimits,
      rules.clientPermissions,
      rules.claimRules,
    );
    verdicts.push({ document: index, entityRef: stringifyEntityRef(entity), valid: problems.length === 0, problems });
  }
  return { valid: verdicts.every(verdict => verdict.valid), documents: verdicts };
}
