import { normalizeAllowedOrigins } from 'backstage-plugin-luigi-common';
import { MicroApp } from '../catalog/types';
import { narrowToTenantOrigins } from './narrowToTenantOrigins';
import { tenantOriginProblem } from './tenantOriginCheck';
import { originsOfTenant, readTenantOrigins } from './tenantOrigins';

const APPS = 'https://apps.example.com';
const OTHER = 'https://other.example.com';
const allowed = normalizeAllowedOrigins([APPS, OTHER, 'http://localhost:7100']).origins;
const logistics = { id: 'logistics', origins: new Set([APPS]) };

function app(name: string, viewUrl: string): MicroApp {
  return {
    pathSegment: name,
    label: name[0].toUpperCase() + name.slice(1),
    category: 'c',
    viewUrl,
    entity: { ref: `component:default/${name}`, kind: 'Component', namespace: 'default', name, title: name },
  };
}

describe('readTenantOrigins', () => {
  it("gives a tenant without its own origins the whole allowlist, and one with them those, normalised", () => {
    const origins = readTenantOrigins(
      [{ id: 'retail' }, { id: 'logistics', allowedOrigins: [`${APPS}/`, 'http://LOCALHOST:7100'] }],
      allowed,
    );
    expect(origins.get('retail')).toBe(allowed);
    expect([...origins.get('logistics')!]).toEqual([APPS, 'http://localhost:7100']);
  });

  it('never widens the allowlist: origins outside it, and entries that are no origins, count for nothing', () => {
    const origins = readTenantOrigins(
      [{ id: 'logistics', allowedOrigins: ['https://evil.example.net', 'not a url', `${APPS}/path`] }],
      allowed,
    );
    expect(origins.get('logistics')!.size).toBe(0);
  });

  it('counts the first of two tenants with one id, and is empty without tenants', () => {
    const origins = readTenantOrigins([{ id: 'a', allowedOrigins: [APPS] }, { id: 'a' }], allowed);
    expect([...origins.get('a')!]).toEqual([APPS]);
    expect(readTenantOrigins([], allowed).size).toBe(0);
  });
});

describe('originsOfTenant', () => {
  it("is the tenant's origins, or the allowlist for a tenant the config does not list", () => {
    const origins = readTenantOrigins([{ id: 'logistics', allowedOrigins: [APPS] }], allowed);
    expect([...originsOfTenant(origins, 'logistics', allowed)]).toEqual([APPS]);
    expect(originsOfTenant(origins, 'unknown', allowed)).toBe(allowed);
  });
});

describe('tenantOriginProblem', () => {
  it("accepts a URL at one of the tenant's origins and names the origin and tenant otherwise", () => {
    expect(tenantOriginProblem(`${APPS}/trucks/`, logistics)).toBeUndefined();
    expect(tenantOriginProblem(`${OTHER}/radar/`, logistics)).toBe(
      'origin https://other.example.com is not in the allowed origins of tenant logistics',
    );
    expect(tenantOriginProblem('nonsense', logistics)).toBe('origin nonsense is not in the allowed origins of tenant logistics');
  });
});

describe('narrowToTenantOrigins', () => {
  it("keeps the apps at the tenant's origins and refuses the others with the reason", () => {
    const trucks = app('trucks', `${APPS}/trucks/`);
    const radar = app('radar', `${OTHER}/radar/`);
    expect(narrowToTenantOrigins([trucks, radar], logistics)).toEqual({
      apps: [trucks],
      rejected: [
        {
          entityRef: 'component:default/radar',
          label: 'Radar',
          reason: 'origin https://other.example.com is not in the allowed origins of tenant logistics',
        },
      ],
    });
  });

  it('changes nothing without a tenant', () => {
    const apps = [app('trucks', `${APPS}/trucks/`), app('radar', `${OTHER}/radar/`)];
    expect(narrowToTenantOrigins(apps, undefined)).toEqual({ apps, rejected: [] });
  });
});
