import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import { ActionContext } from '@backstage/plugin-scaffolder-node';

/**
 * A scaffolder action context for a unit test: a mock logger, outputs kept in `outputs`, the
 * workspace at `workspacePath`, run by a mock user.
 */
export function mockActionContext<TInput extends JsonObject>(input: TInput, workspacePath: string) {
  const outputs: Record<string, unknown> = {};
  const logger = mockServices.logger.mock();
  const context: ActionContext<TInput, any> = {
    input,
    workspacePath,
    logger,
    output: (name, value) => {
      outputs[String(name)] = value;
    },
    checkpoint: async ({ fn }) => fn(),
    createTemporaryDirectory: async () => workspacePath,
    getInitiatorCredentials: async () => mockCredentials.user(),
    task: { id: 'test-task' },
  };
  return { context, outputs, logger };
}
