import { Entity } from '@backstage/catalog-model';
import { NO_CLIENT_PERMISSIONS } from 'backstage-plugin-luigi-common';
import { buildMicroApps } from './buildMicroApps';
import { microAppEntitiesRequest } from './entityQuery';
import { withFrameRequests } from './frameRequests';
import { withNodeSettings } from './nodeSettings';
import { componentEntity } from '../testing/componentEntity';

const ANNOTATIONS = 'metadata.annotations.';

/** The entity as the catalog returns it for the request's `fields` (annotation keys contain dots). */
function project(entity: Entity, fields: readonly string[]): Entity {
  const projected: any = { metadata: { annotations: {} } };
  for (const field of fields) {
    if (field.startsWith(ANNOTATIONS)) {
      const key = field.slice(ANNOTATIONS.length);
      const value = entity.metadata.annotations?.[key];
      if (value !== undefined) projected.metadata.annotations[key] = value;
      continue;
    }
    const [head, tail] = field.split('.');
    const value = tail === undefined ? (entity as any)[head] : (entity as any)[head]?.[tail];
    if (value === undefined) continue;
    if (tail === undefined) projected[head] = value;
    else projected[head] = { ...projected[head], [tail]: value };
  }
  return projected as Entity;
}

describe('microAppEntitiesRequest', () => {
  it('fetches every field the page reads: micro apps built from the projection equal those from whole entities', () => {
    const allowedOrigins = new Set(['https://apps.example.com']);
    const entity = componentEntity(
      'orders',
      {
        'luigi-project.io/view-url': 'https://apps.example.com/orders/',
        'luigi-project.io/category': 'Commerce',
        'luigi-project.io/views': 'Settings=https://apps.example.com/orders/settings',
        'luigi-project.io/frame-allow': 'clipboard-write',
        'luigi-project.io/frame-sandbox': 'allow-downloads',
        'luigi-project.io/node-settings': JSON.stringify({ loadingIndicator: { enabled: false } }),
        'backstage.io/source-location': 'url:https://git.example.com/orders',
      },
    );
    const page = (entities: Entity[]) => {
      const built = buildMicroApps(entities, { allowedOrigins });
      const framed = withFrameRequests(built.apps, entities, { allow: ['clipboard-write'], sandbox: ['allow-downloads'] });
      return withNodeSettings(framed.apps, entities, allowedOrigins, NO_CLIENT_PERMISSIONS).apps;
    };
    const projected = project(entity, microAppEntitiesRequest.fields as string[]);
    expect(page([projected])).toEqual(page([entity]));
    expect(page([projected])[0]).toMatchObject({ frame: { allow: ['clipboard-write'] }, node: { loadingIndicator: { enabled: false } } });
    // The catalog's own annotations stay on the server.
    expect(projected.metadata.annotations).not.toHaveProperty('backstage.io/source-location');
  });
});
