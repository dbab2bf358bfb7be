import { loadConfigSchema } from '@backstage/config-loader';

// A production app gets its config from the backend, filtered by the config schemas' visibility:
// what the page needs to check registrations as the token route does must reach it, and what only
// the backend reads must not.
describe('the config the page receives in production', () => {
  it('holds the audiences and the tenants’ namespaces the claim check needs, and nothing backend-only', async () => {
    const schema = await loadConfigSchema({ dependencies: ['backstage-plugin-luigi', 'backstage-plugin-luigi-backend'] });
    const data = {
      app: { baseUrl: 'https://portal.example.com' },
      backend: { baseUrl: 'https://portal.example.com', listen: { port: 7007 } },
      luigi: {
        allowedOrigins: ['https://apps.example.com'],
        tokens: { audiences: [{ entityRef: 'component:default/orders', audience: 'https://apps.example.com/orders' }], lifetime: '5m' },
        tenants: [{ id: 'commerce', title: 'Commerce', namespaces: ['default'], allowedOrigins: ['https://apps.example.com'] }],
      },
    };
    const [frontend] = schema.process([{ data, context: 'app-config.yaml' }], { visibility: ['frontend'] });
    expect(frontend.data.luigi).toEqual({
      allowedOrigins: ['https://apps.example.com'],
      tokens: { audiences: [{ entityRef: 'component:default/orders', audience: 'https://apps.example.com/orders' }] },
      tenants: [{ id: 'commerce', title: 'Commerce', namespaces: ['default'], allowedOrigins: ['https://apps.example.com'] }],
    });
  });
});
