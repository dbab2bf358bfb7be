import { createRouteGatePattern, luigiPathFromHash, shouldSkipRouting } from './routeGate';

const gate = (viewPathname: string | undefined) => ({
  viewPathname: () => viewPathname,
  isKnownPath: (path: string) => path.startsWith('/orders'),
});

describe('route gate', () => {
  it('lets Luigi route known micro app paths of the attached view', () => {
    expect(shouldSkipRouting('http://portal/luigi#/orders/x', gate('/luigi'))).toBe(false);
  });

  it('keeps Luigi away from other pages, detached views, the landing and unknown paths', () => {
    expect(shouldSkipRouting('http://portal/catalog#/orders', gate('/luigi'))).toBe(true);
    expect(shouldSkipRouting('http://portal/luigi#/orders', gate(undefined))).toBe(true);
    expect(shouldSkipRouting('http://portal/luigi', gate('/luigi'))).toBe(true);
    expect(shouldSkipRouting('http://portal/luigi#/nope', gate('/luigi'))).toBe(true);
  });

  it('works through String.prototype.match, as Luigi calls it', () => {
    const pattern = createRouteGatePattern(gate('/luigi'));
    expect('http://portal/catalog'.match(pattern as unknown as RegExp)).not.toBeNull();
    expect('http://portal/luigi#/orders'.match(pattern as unknown as RegExp)).toBeNull();
  });

  it('reads the Luigi path from a hash with query', () => {
    expect(luigiPathFromHash('#/orders/x?a=1')).toBe('/orders/x');
    expect(luigiPathFromHash('')).toBe('/');
  });
});
