import { Entity } from '@backstage/catalog-model';
import { normalizeAllowedOrigins } from 'backstage-plugin-luigi-common';
import { buildEntityViews } from './entityViews';

const APPS = 'https://apps.example.com';
const OTHER = 'https://other.example.com';
const allowed = normalizeAllowedOrigins([APPS, OTHER]).origins;
const logistics = { id: 'logistics', origins: new Set([APPS]) };

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'trucks', namespace: 'logistics', title: 'Trucks', annotations },
    spec: { owner: 'team-a' },
  };
}

const subject = entity({
  'luigi-project.io/view-url': `${OTHER}/trucks/`,
  'luigi-project.io/views': `Radar=${OTHER}/radar/\nStock=${APPS}/stock/`,
});

describe('buildEntityViews in a tenant', () => {
  it("refuses each view outside the tenant's origins, with the reason, and keeps the others", () => {
    const { views, rejected } = buildEntityViews(subject, allowed, logistics);
    expect(views.map(view => [view.pathSegment, view.viewUrl])).toEqual([
      ['component~logistics~trucks~stock', `${APPS}/stock/`],
    ]);
    const reason = 'origin https://other.example.com is not in the allowed origins of tenant logistics';
    expect(rejected).toEqual([
      { label: 'Trucks', annotation: 'luigi-project.io/view-url', reason },
      { label: 'Radar', annotation: 'luigi-project.io/views', reason },
    ]);
  });

  it('keeps the reason of the global allowlist for a view outside it', () => {
    const { rejected } = buildEntityViews(
      entity({ 'luigi-project.io/views': 'Evil=https://evil.example.net/x/' }),
      allowed,
      logistics,
    );
    expect(rejected.map(item => item.reason)).toEqual(['origin https://evil.example.net is not in luigi.allowedOrigins']);
  });

  it('changes nothing without a tenant, or in a tenant with the whole allowlist', () => {
    const untenanted = buildEntityViews(subject, allowed);
    expect(untenanted.views).toHaveLength(3);
    expect(untenanted.rejected).toEqual([]);
    expect(buildEntityViews(subject, allowed, { id: 'retail', origins: allowed })).toEqual(untenanted);
  });
});
