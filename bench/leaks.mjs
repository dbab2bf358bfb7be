// Leaks: what 100 leave-and-return cycles leave behind, against what one cycle leaves. A cycle is an
// SPA navigation from `/luigi#/orders` to `/home` and back, waiting each time for the home page and
// for a new Orders frame's init listener holding its token. Measured at the end of cycle 1 and of
// the last cycle, on `/luigi#/orders` with the app ready, after two `HeapProfiler.collectGarbage`:
// JS heap used (`Performance.getMetrics` JSHeapUsedSize), listeners on the top window
// (`DOMDebugger.getEventListeners`), `<iframe>` elements in the document and the Frames metric, and
// DOM nodes (the Nodes metric, which counts every live node of the renderer, detached ones included).
import { count, frameTime, goHome, poll, row, spaNavigate } from './lib.mjs';

async function cycle(page) {
  await goHome(page);
  const start = await spaNavigate(page, '/luigi#/orders');
  await poll(() => frameTime(page, '/apps/orders/', 'tokenAt', start), { what: 'Orders token' });
}

async function snapshot(page, cdp) {
  await page.waitForTimeout(500);
  await cdp.collectGarbage();
  const metrics = await cdp.metrics();
  const listeners = await cdp.windowListeners();
  const iframes = await page.evaluate(() => document.querySelectorAll('iframe').length);
  return {
    heap: metrics.JSHeapUsedSize,
    nodes: metrics.Nodes,
    jsEventListeners: metrics.JSEventListeners,
    frames: metrics.Frames,
    windowListeners: listeners.total,
    windowListenersByType: listeners.byType,
    iframes,
  };
}

/** `page` is signed in; `cdp` its lib.mjs CDP helper. */
export async function measureLeaks(page, cdp) {
  const cycles = count('LEAK_CYCLES', 100);
  const started = Date.now();
  await cycle(page);
  const first = await snapshot(page, cdp);
  for (let i = 1; i < cycles; i++) await cycle(page);
  const last = await snapshot(page, cdp);
  const details = { cycles, first, last, seconds: (Date.now() - started) / 1000 };
  const MB = 1024 * 1024;
  return [
    row({
      id: 'leaks.heap',
      measurement: `JS heap after ${cycles} cycles (vs after 1)`,
      figure: last.heap,
      comparison: first.heap,
      unit: 'B',
      target: '<5 MB growth',
      met: last.heap - first.heap < 5 * MB,
      details,
    }),
    row({
      id: 'leaks.windowListeners',
      measurement: `Window event listeners after ${cycles} cycles (vs after 1)`,
      figure: last.windowListeners,
      comparison: first.windowListeners,
      unit: '',
      target: '0 growth',
      met: last.windowListeners <= first.windowListeners,
    }),
    row({
      id: 'leaks.iframes',
      measurement: `Iframes after ${cycles} cycles (vs after 1)`,
      figure: last.iframes,
      comparison: first.iframes,
      unit: '',
      target: '0 growth',
      met: last.iframes <= first.iframes && last.frames <= first.frames,
    }),
    row({
      id: 'leaks.nodes',
      measurement: `DOM nodes after ${cycles} cycles (vs after 1)`,
      figure: last.nodes,
      comparison: first.nodes,
      unit: '',
      target: 'reported',
    }),
  ];
}
