import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction, scaffolderActionsExtensionPoint, serializeDirectoryContents } from '@backstage/plugin-scaffolder-node';

/** The only template whose runs this action publishes: the sample server runs what it uploads. */
const PUBLISHING_TEMPLATE = 'template:default/luigi-micro-app';

/**
 * Dev only: `devportal:publish:local`, the dev portal's stand-in for a git host's publish action.
 * Uploads the task's workspace to the sample micro app server (`devPortal.scaffolded.publishUrl`),
 * which serves the app under `/scaffolded/<name>/` with the generated server's own code, and its
 * catalog-info.yaml for `catalog:register`. Outputs as a git publisher does: `remoteUrl`,
 * `repoContentsUrl`, and `catalogInfoUrl`.
 */
function devPublishLocalAction(publishUrl: string) {
  return createTemplateAction({
    id: 'devportal:publish:local',
    description: "Dev portal only: publishes the workspace to the sample micro app server's /scaffolded/",
    schema: {
      input: {
        name: z => z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).describe('The app name: its folder on the server'),
      },
      output: {
        remoteUrl: z => z.string(),
        repoContentsUrl: z => z.string(),
        catalogInfoUrl: z => z.string(),
      },
    },
    async handler(ctx) {
      if (ctx.templateInfo?.entityRef !== PUBLISHING_TEMPLATE) {
        throw new InputError(`devportal:publish:local publishes runs of ${PUBLISHING_TEMPLATE} only`);
      }
      const files = (await serializeDirectoryContents(ctx.workspacePath))
        .filter(file => !file.symlink)
        .map(file => ({ path: file.path, content: file.content.toString('base64') }));
      const response = await fetch(`${publishUrl}/${ctx.input.name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ files }),
      });
      if (response.status !== 201) {
        throw new Error(`The sample server refused the upload: ${response.status} ${await response.text()}`);
      }
      const { remoteUrl, catalogInfoUrl } = (await response.json()) as { remoteUrl: string; catalogInfoUrl: string };
      ctx.logger.info(`Published ${files.length} files to ${remoteUrl}`);
      ctx.output('remoteUrl', remoteUrl);
      ctx.output('repoContentsUrl', remoteUrl);
      ctx.output('catalogInfoUrl', catalogInfoUrl);
    },
  });
}

/** Dev only: the scaffolder module with {@link devPublishLocalAction}. */
export const devPublishLocalModule = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'dev-publish-local',
  register(env) {
    env.registerInit({
      deps: { scaffolder: scaffolderActionsExtensionPoint, config: coreServices.rootConfig },
      async init({ scaffolder, config }) {
        scaffolder.addActions(devPublishLocalAction(config.getString('devPortal.scaffolded.publishUrl')));
      },
    });
  },
});
