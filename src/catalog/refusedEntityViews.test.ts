import { buildMicroApps } from './buildMicroApps';
import { buildEntityViews } from './entityViews';
import { microAppEntitiesRequest } from './entityQuery';
import { refusedEntityViews } from './refusedEntityViews';
import { componentEntity } from '../testing/componentEntity';

const allowed = new Set(['https://apps.example.com']);
const UNTRUSTED = 'Untrusted=http://localhost:7200/recorder/';
const UNTRUSTED_REASON = 'origin http://localhost:7200 is not in luigi.allowedOrigins';

const orders = componentEntity('orders', {
  'luigi-project.io/view-url': 'https://apps.example.com/orders/',
  'luigi-project.io/views': `Settings=https://apps.example.com/orders/settings\n${UNTRUSTED}`,
});

/** The refused views of `entities` as the page computes them: of the apps it shows. */
const refusedOf = (entities: ReturnType<typeof componentEntity>[]) =>
  refusedEntityViews(buildMicroApps(entities, { allowedOrigins: allowed }).apps, entities, allowed);

describe('refusedEntityViews', () => {
  it("lists a shown app's refused further view with the entity's ref and title, the view's label and the reason", () => {
    expect(refusedOf([orders])).toEqual([
      { entityRef: 'component:default/orders', owner: 'group:default/team-a', label: 'Orders', view: 'Untrusted', reason: UNTRUSTED_REASON },
    ]);
  });

  it("gives the entity tab's reasons, for entries it cannot read too", () => {
    const entity = componentEntity('odd', {
      'luigi-project.io/view-url': 'https://apps.example.com/odd/',
      'luigi-project.io/views': `just text\nPwn=javascript:alert(1)\n${UNTRUSTED}`,
    });
    const onTab = buildEntityViews(entity, allowed).rejected.map(({ label, reason }) => ({ view: label, reason }));
    expect(refusedOf([entity]).map(({ view, reason }) => ({ view, reason }))).toEqual(onTab);
    expect(onTab).toHaveLength(3);
  });

  it('lists nothing of an entity whose main view is not shown (the page lists the entity itself) or that has none', () => {
    const refusedMain = componentEntity('refused', {
      'luigi-project.io/view-url': 'http://localhost:7200/main/',
      'luigi-project.io/views': UNTRUSTED,
    });
    const viewsOnly = componentEntity('views-only', { 'luigi-project.io/views': UNTRUSTED });
    expect(refusedOf([refusedMain, viewsOnly])).toEqual([]);
  });

  it('lists nothing for views that are all fine, and a view once for an entity listed twice', () => {
    const fine = componentEntity('fine', {
      'luigi-project.io/view-url': 'https://apps.example.com/fine/',
      'luigi-project.io/views': 'Settings=https://apps.example.com/fine/settings',
    });
    expect(refusedOf([fine])).toEqual([]);
    expect(refusedOf([orders, orders])).toHaveLength(1);
  });

  it("is computed from what the catalog read fetches: the views annotation is in the page's field projection", () => {
    expect(microAppEntitiesRequest.fields).toContain('metadata.annotations.luigi-project.io/views');
  });
});
