import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { LuigiRegistrationValidation } from 'backstage-plugin-luigi-common';
import { RegistrationValidationRules, validateRegistrations } from '../registrations/validateRegistrations';
import { readCatalogInfo } from './readCatalogInfo';

/** The id templates name the action by. */
export const REGISTRATION_VALIDATE_ACTION_ID = 'luigi:registration:validate';

/** One line per problem: the entity ref (or the document's number when it has none) and the reason. */
export function problemLines(validation: LuigiRegistrationValidation): string[] {
  return validation.documents.flatMap(verdict =>
    verdict.problems.map(problem => `${verdict.entityRef ?? `document ${verdict.document + 1}`}: ${problem}`),
  );
}

const EXAMPLE = `steps:
  - id: fetch
    action: fetch:template
    input: { url: ./skeleton, values: { name: \${{ parameters.name }} } }
  - id: validate
    name: Check the micro frontend registration
    action: ${REGISTRATION_VALIDATE_ACTION_ID}
    input:
      catalogInfoPath: catalog-info.yaml`;

/**
 * The `luigi:registration:validate` action: checks a catalog-info.yaml, from the workspace or given
 * as text, with the portal's registration rules, before a template publishes and registers it.
 * Fails the run with every problem, one `entity ref: reason` per line, in the words of the entity
 * page after ingestion; a registration the catalog module would refuse never gets registered.
 * @param rules - the portal's rules, as the catalog module reads them (`readRegistrationRules`)
 */
export function createRegistrationValidateAction(rules: RegistrationValidationRules) {
  return createTemplateAction({
    id: REGISTRATION_VALIDATE_ACTION_ID,
    description:
      "Checks a catalog-info.yaml's micro frontend registrations (luigi-project.io annotations) against the " +
      "portal's rules and fails with each problem, in the words of the entity page after ingestion",
    examples: [{ description: 'Check the generated catalog-info.yaml before publishing it', example: EXAMPLE }],
    // It reads and changes nothing: a dry run checks as a real run does.
    supportsDryRun: true,
    schema: {
      input: {
        catalogInfoPath: z =>
          z.string().optional().describe('Path of the catalog-info.yaml in the workspace (default catalog-info.yaml)'),
        catalogInfo: z =>
          z.string().optional().describe('The catalog-info.yaml as text, instead of a file of the workspace'),
      },
      output: {
        valid: z => z.boolean().describe('Whether every document is a registration the portal accepts'),
        entityRefs: z => z.array(z.string()).describe('The entity refs of the documents, in file order'),
      },
    },
    async handler(ctx) {
      const { catalogInfo, catalogInfoPath } = ctx.input;
      if (catalogInfo !== undefined && catalogInfoPath !== undefined) {
        throw new InputError('Give either catalogInfo or catalogInfoPath, not both');
      }
      const path = catalogInfoPath ?? 'catalog-info.yaml';
      const text = catalogInfo ?? (await readCatalogInfo(ctx.workspacePath, path));
      const validation = await validateRegistrations(text, rules);
      const entityRefs = validation.documents.flatMap(verdict => (verdict.entityRef ? [verdict.entityRef] : []));
      ctx.output('valid', validation.valid);
      ctx.output('entityRefs', entityRefs);
      const problems = problemLines(validation);
      for (const line of problems) ctx.logger.error(line);
      if (problems.length > 0) {
        const source = catalogInfo === undefined ? path : 'The catalog-info.yaml';
        throw new InputError(`${source} is not a registration the portal accepts:\n${problems.join('\n')}`);
      }
      ctx.logger.info(`${entityRefs.join(', ')}: the portal accepts the registration`);
    },
  });
}
