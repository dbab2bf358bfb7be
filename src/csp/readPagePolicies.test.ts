import { policiesAllow } from './contentSecurityPolicy';
import { readPagePolicies, resetPagePoliciesForTests } from './readPagePolicies';

const page = new URL('https://portal.example.com/luigi');
const apps = new URL('https://apps.example.com/orders/');

function fakeWindow(header: string | undefined, fetchFails = false) {
  const fetch = jest.fn(async () => {
    if (fetchFails) throw new TypeError('Failed to fetch');
    return { headers: new Headers(header ? { 'Content-Security-Policy': header } : {}) } as Response;
  });
  return { win: { document, fetch, location: { href: `${page.href}#/orders` } } as unknown as Window, fetch };
}

afterEach(() => {
  document.head.innerHTML = '';
  resetPagePoliciesForTests();
});

describe('readPagePolicies', () => {
  it("asks for the page's own header once per tab, without the fragment", async () => {
    const { win, fetch } = fakeWindow("default-src 'self'");
    const policies = await readPagePolicies(win);
    await readPagePolicies(win);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledWith(page.href, expect.objectContaining({ method: 'HEAD', credentials: 'same-origin' }));
    expect(policiesAllow(policies, 'frame', apps, page)).toBe(false);
  });

  it('adds policies set by meta tags: each of them must pass', async () => {
    document.head.innerHTML = `<meta http-equiv="content-security-policy" content="frame-src 'none'">`;
    const { win } = fakeWindow("frame-src https://apps.example.com");
    const policies = await readPagePolicies(win);
    expect(policies).toHaveLength(2);
    expect(policiesAllow(policies, 'frame', apps, page)).toBe(false);
  });

  it('counts a page whose policy cannot be read as having none', async () => {
    const { win } = fakeWindow(undefined, true);
    expect(await readPagePolicies(win)).toEqual([]);
  });
});
