import { createMockDirectory, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { scaffolderActionsExtensionPoint, TemplateAction } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';
import { mockActionContext } from '../testing/mockActionContext';
import scaffolderModuleLuigiRegistration from './index';

jest.setTimeout(30_000);

const component = (name: string, annotations: Record<string, string>) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'logistics', annotations },
  spec: { type: 'website', lifecycle: 'experimental', owner: 'group:default/team-orders' },
});

describe('scaffolderModuleLuigiRegistration', () => {
  it("adds luigi:registration:validate with the rules of the portal's config", async () => {
    const actions: TemplateAction<any, any, any>[] = [];
    await startTestBackend({
      extensionPoints: [[scaffolderActionsExtensionPoint, { addActions: (...added: TemplateAction<any, any, any>[]) => actions.push(...added) }]],
      features: [
        scaffolderModuleLuigiRegistration,
        mockServices.rootConfig.factory({
          data: {
            luigi: {
              allowedOrigins: ['https://apps.example.com'],
              tenants: [
                { id: 'commerce', namespaces: ['default'] },
                { id: 'logistics', namespaces: ['logistics'] },
              ],
            },
          },
        }),
      ],
    });
    expect(actions.map(action => action.id)).toEqual(['luigi:registration:validate']);

    const workspace = createMockDirectory();
    const check = (entity: object) =>
      actions[0].handler(mockActionContext({ catalogInfo: stringify(entity) }, workspace.path).context);
    const viewUrl = 'https://apps.example.com/shipments/';
    await expect(check(component('shipments', { 'luigi-project.io/view-url': viewUrl }))).resolves.toBeUndefined();
    await expect(check(component('elsewhere', { 'luigi-project.io/view-url': 'https://other.example.com/x/' }))).rejects.toThrow(
      /\ncomponent:logistics\/elsewhere: .*other\.example\.com/,
    );
    // A tenant config does not give the entity's namespace is a claim, refused as ingestion refuses it.
    await expect(
      check(component('claims-commerce', { 'luigi-project.io/view-url': viewUrl, 'luigi-project.io/tenant': 'commerce' })),
    ).rejects.toThrow(/\ncomponent:logistics\/claims-commerce: .*luigi-project\.io\/tenant/);
  });
});
