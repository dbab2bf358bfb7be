import { buildLuigiNodes } from './luigiConfig';
import { engineApp } from '../testing/engineApps';

const onPageError = () => undefined;
const tokenContextOf = () => ({ token: 't', tokenStatus: 'valid' as const });

function nodesOf(node: object) {
  return JSON.parse(JSON.stringify(buildLuigiNodes([engineApp('orders', { node })], 15000, onPageError, tokenContextOf)));
}

describe('buildLuigiNodes', () => {
  it("gives a plain app a virtual tree, the loading indicator and the page's timeout", () => {
    const [node] = buildLuigiNodes([engineApp('orders')], 15000, onPageError, tokenContextOf) as any[];
    expect(node).toMatchObject({ pathSegment: 'orders', virtualTree: true, loadingIndicator: { enabled: true } });
    expect(node.pageErrorHandler).toEqual({ timeout: 15000, errorFn: onPageError });
  });

  it('waits for no handshake of a view registered without the Luigi client', () => {
    const [node] = nodesOf({ loadingIndicator: { enabled: false } });
    expect(node.loadingIndicator).toEqual({ enabled: false });
    // Luigi would otherwise replace a view that never answers with the error panel after the timeout.
    expect(node.pageErrorHandler).toBeUndefined();
  });

  it("turns children into Luigi child nodes, each with the entity in its context and the app's view group", () => {
    const [node] = nodesOf({
      icon: 'home',
      navigationContext: 'shop',
      viewGroup: 'shop',
      context: { region: 'eu' },
      clientPermissions: { urlParameters: { sort: { read: true } } },
      children: [
        { pathSegment: 'sample1', label: 'First', viewUrl: 'https://apps.example.com/sample1.html', loadingIndicator: { enabled: false } },
        { pathSegment: 'new', label: 'New', viewUrl: 'https://apps.example.com/new', openNodeInModal: true, category: 'Actions', viewGroup: 'shop' },
      ],
    });
    expect(node.virtualTree).toBeUndefined();
    expect(node).toMatchObject({ icon: 'home', navigationContext: 'shop', viewGroup: 'orders:shop', clientPermissions: { urlParameters: { sort: { read: true } } } });
    expect(node.context).toEqual(expect.objectContaining({ region: 'eu', entity: expect.objectContaining({ ref: 'component:default/orders' }), token: 't' }));
    const [first, second] = node.children;
    expect(first).toMatchObject({ pathSegment: 'sample1', virtualTree: true, loadingIndicator: { enabled: false } });
    expect(first.context.entity.ref).toBe('component:default/orders');
    expect(second).toMatchObject({ openNodeInModal: true, category: 'Actions', viewGroup: 'orders:shop' });
  });
});
