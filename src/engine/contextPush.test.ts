import { ContextPush, isHandshaking } from './contextPush';

/** A frame as Luigi core leaves it: `luigi.initOk` undefined until it asks, true after the handshake. */
function luigiFrame(initOk?: boolean): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  (frame as any).luigi = { viewUrl: 'https://apps.example.com/', initOk };
  return frame;
}

function initOk(frame: HTMLIFrameElement) {
  (frame as any).luigi.initOk = true;
  window.dispatchEvent(new MessageEvent('message', { data: { msg: 'luigi.init.ok' } }));
}

describe('ContextPush', () => {
  let frames: HTMLIFrameElement[];
  let push: jest.Mock;
  let contextPush: ContextPush;
  let setGlobalContext: jest.Mock;

  beforeEach(() => {
    frames = [];
    push = jest.fn();
    setGlobalContext = jest.fn();
    contextPush = new ContextPush(() => frames, push);
    contextPush.install();
  });

  it('pushes at once when no frame is open or every frame finished its handshake', () => {
    contextPush.update(setGlobalContext);
    frames.push(luigiFrame(true));
    contextPush.update(setGlobalContext);
    expect(setGlobalContext.mock.calls).toEqual([[false], [false]]);
  });

  it('stores the context silently while a frame handshakes, and pushes it once the frame is ready', () => {
    const loading = luigiFrame(undefined);
    frames.push(loading);
    contextPush.update(setGlobalContext);
    expect(setGlobalContext).toHaveBeenCalledWith(true);
    window.dispatchEvent(new MessageEvent('message', { data: { msg: 'luigi.navigate.ok' } }));
    expect(push).not.toHaveBeenCalled();

    initOk(loading);
    expect(push).toHaveBeenCalledTimes(1);
    // One push for the waiting update, not one per later handshake.
    initOk(loading);
    expect(push).toHaveBeenCalledTimes(1);
  });

  it('waits for every handshaking frame', () => {
    const first = luigiFrame(false);
    const second = luigiFrame(undefined);
    frames.push(first, second);
    contextPush.update(setGlobalContext);
    initOk(first);
    expect(push).not.toHaveBeenCalled();
    initOk(second);
    expect(push).toHaveBeenCalledTimes(1);
  });

  it('forgets a waiting push when the view goes', () => {
    const loading = luigiFrame(undefined);
    frames.push(loading);
    contextPush.update(setGlobalContext);
    contextPush.reset();
    initOk(loading);
    expect(push).not.toHaveBeenCalled();
  });

  it('tells a frame Luigi created from any other frame', () => {
    expect(isHandshaking(document.createElement('iframe'))).toBe(false);
    expect(isHandshaking(luigiFrame(undefined))).toBe(true);
    expect(isHandshaking(luigiFrame(false))).toBe(true);
    expect(isHandshaking(luigiFrame(true))).toBe(false);
  });
});
