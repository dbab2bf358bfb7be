import { chooseTenant } from './chooseTenant';
import { getCurrentTenant, setCurrentTenant, subscribeCurrentTenant } from './currentTenant';
import { inTenant } from './tenantApps';
import { pageLink, searchWithTenant, tenantFromSearch } from './tenantUrl';

const retail = { id: 'retail', title: 'Retail' };
const logistics = { id: 'logistics', title: 'Logistics' };

describe('chooseTenant', () => {
  it('ignores tenants, and any tenant in the URL, when none are configured', () => {
    expect(chooseTenant({ configured: false, tenants: [] }, 'retail')).toEqual({ kind: 'untenanted' });
  });

  it('takes the tenant the URL names when the user may enter it, else the first they may enter', () => {
    const tenants = { configured: true, tenants: [retail, logistics] };
    expect(chooseTenant(tenants, 'logistics')).toEqual({ kind: 'enter', tenant: logistics });
    expect(chooseTenant(tenants, undefined)).toEqual({ kind: 'enter', tenant: retail });
  });

  it('refuses a tenant the user may not enter, and says when they may enter none', () => {
    expect(chooseTenant({ configured: true, tenants: [retail] }, 'secret')).toEqual({ kind: 'denied', tenantId: 'secret' });
    expect(chooseTenant({ configured: true, tenants: [] }, undefined)).toEqual({ kind: 'denied' });
  });
});

describe('tenant URLs', () => {
  it('reads the tenant from the search, an empty one being none', () => {
    expect(tenantFromSearch('?tenant=logistics')).toBe('logistics');
    expect(tenantFromSearch('?x=1')).toBeUndefined();
    expect(tenantFromSearch('?tenant=')).toBeUndefined();
  });

  it('sets the tenant, keeping other parameters', () => {
    expect(searchWithTenant('?x=1&tenant=retail', 'logistics')).toBe('?x=1&tenant=logistics');
    expect(searchWithTenant('', 'retail')).toBe('?tenant=retail');
  });

  it('links to the page, in a tenant, at an app', () => {
    expect(pageLink('/apps')).toBe('/apps');
    expect(pageLink('/apps', 'retail')).toBe('/apps?tenant=retail');
    expect(pageLink('/apps', 'retail', 'orders')).toBe('/apps?tenant=retail#/orders');
    expect(pageLink('/apps', undefined, 'orders')).toBe('/apps#/orders');
  });
});

describe('currentTenant', () => {
  afterEach(() => setCurrentTenant(undefined));

  it('tells its listeners of changes only', () => {
    const heard = jest.fn();
    const unsubscribe = subscribeCurrentTenant(heard);
    setCurrentTenant(retail);
    setCurrentTenant({ ...retail });
    expect(heard).toHaveBeenCalledTimes(1);
    expect(getCurrentTenant()).toEqual(retail);
    unsubscribe();
    setCurrentTenant(logistics);
    expect(heard).toHaveBeenCalledTimes(1);
  });
});

describe('inTenant', () => {
  it('gives each app the tenant, and leaves apps alone without one', () => {
    const apps = [
      {
        pathSegment: 'orders',
        label: 'Orders',
        category: 'c',
        viewUrl: 'https://apps.example.com/orders/',
        entity: { ref: 'component:default/orders', kind: 'Component', namespace: 'default', name: 'orders', title: 'Orders' },
      },
    ];
    expect(inTenant(apps, retail)[0].tenant).toEqual(retail);
    expect(inTenant(apps, undefined)).toBe(apps);
  });
});
