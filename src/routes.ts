import { createRouteRef } from '@backstage/core-plugin-api';

/** Route of the micro apps page (`LuigiPage`). */
export const rootRouteRef = createRouteRef({ id: 'luigi' });
