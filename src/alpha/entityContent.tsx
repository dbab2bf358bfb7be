import { compatWrapper } from '@backstage/core-compat-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isLuigiAvailable } from '../catalog/isLuigiAvailable';

/**
 * The entity page tab with the micro frontends an entity declares, at `<entity page>/luigi`. Shown
 * only for entities with `luigi-project.io/view-url` or `luigi-project.io/views`, unless
 * `app.extensions` gives it another `filter`.
 * @alpha
 */
export const luigiEntityContent = EntityContentBlueprint.make({
  params: {
    path: 'luigi',
    title: 'Micro frontend',
    filter: isLuigiAvailable,
    loader: () =>
      import('../components/EntityLuigiContent').then(m =>
        compatWrapper(<m.EntityLuigiContent />),
      ),
  },
});
