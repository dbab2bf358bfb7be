import { waitFor } from '@testing-library/react';
import { FakeLuigiCore } from './fakeLuigiCore';

/**
 * What Luigi does when it shows a node: creates its frame (telling the interceptor), and the frame
 * asks for its context. Resolves with what Luigi's auth store held when Luigi answered.
 */
export async function frameAsksForContext(
  core: FakeLuigiCore,
  node: { viewUrl: string },
): Promise<{ frame: HTMLIFrameElement; storeHeld: unknown }> {
  const config = core.setConfig.mock.calls[0][0] as any;
  const frame = document.createElement('iframe');
  frame.src = node.viewUrl;
  document.querySelector('[luigi-app-root]')!.appendChild(frame);
  config.settings.iframeCreationInterceptor(frame, undefined, node);
  const luigiSaw: unknown[] = [];
  // The store's content is whatever was set last, unless it was removed since.
  const { setAuthData, removeAuthData } = core.authStore;
  const held = () =>
    (setAuthData.mock.invocationCallOrder.at(-1) ?? 0) > (removeAuthData.mock.invocationCallOrder.at(-1) ?? 0)
      ? setAuthData.mock.calls.at(-1)?.[0]
      : undefined;
  const luigi = () => luigiSaw.push(held());
  window.addEventListener('message', luigi);
  try {
    window.dispatchEvent(
      new MessageEvent('message', {
        data: { msg: 'luigi.get-context' },
        origin: new URL(node.viewUrl).origin,
        source: frame.contentWindow,
      }),
    );
    await waitFor(() => expect(luigiSaw).toHaveLength(1));
  } finally {
    window.removeEventListener('message', luigi);
  }
  return { frame, storeHeld: luigiSaw[0] };
}
