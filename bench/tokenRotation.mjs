// Token rotation with several frames open: the Orders page view plus a Luigi modal with Inventory,
// opened the way a micro app opens one (`LuigiClient.linkManager().openAsModal('/inventory')` called
// inside the Orders frame: the sample apps have no button for it). The portal runs with 30 s micro app
// tokens, renewed every couple of seconds.
// - push: from the luigi backend's answer with a frame's new token reaching the host page (its fetch
//   resolving, lib.mjs instrument) to that token's `luigi.auth.tokenIssued` arriving in the frame
//   (where Luigi client stores it synchronously), over every rotation of both frames;
// - reload: what an iframe plugin without token push does instead: from the host resetting the
//   Orders frame's src to `LuigiClient.getToken()` returning a token in the new document.
// Pushes are collected first (the frames must stay open for them), then reloads, in the same run.
import { count, frameTime, poll, row, stats } from './lib.mjs';

const openFrames = page =>
  page.frames().filter(f => /\/apps\/(orders|inventory)\//.test(f.url()) && f !== page.mainFrame());

async function loadIds(page) {
  return Promise.all(openFrames(page).map(f => f.evaluate(() => document.getElementById('load-id')?.textContent).catch(() => undefined)));
}

/** `page` shows `/luigi#/orders` with Orders ready, on a portal with 30 s tokens. */
export async function measureTokenRotation(page) {
  const rotations = count('ROTATIONS', 15);
  const reloadRuns = count('RELOADS', 15);
  const orders = page.frames().find(f => f.url().includes('/apps/orders/'));
  // Not awaited inside the frame: opening the modal may re-render the host around it.
  await orders.evaluate(() => setTimeout(() => window.LuigiClient.linkManager().openAsModal('/inventory'), 0));
  const modal = await poll(async () => page.frames().find(f => f.url().includes('/apps/inventory/')), { what: 'modal frame' });
  await poll(() => modal.evaluate(() => window.__bench?.tokenAt), { what: 'modal token' });
  const framesOpen = openFrames(page).length;
  const idsBefore = await loadIds(page);

  const pushes = [];
  const perFrame = {};
  const deadline = Date.now() + 120_000;
  while (pushes.length < rotations && Date.now() < deadline) {
    await page.waitForTimeout(1000);
    const sent = await page.evaluate(() => window.__pushes);
    pushes.length = 0;
    for (const frame of openFrames(page)) {
      const name = frame.url().includes('/inventory/') ? 'inventory (modal)' : 'orders (page)';
      const arrived = (await frame.evaluate(() => window.__bench?.arrivals ?? []).catch(() => [])) ?? [];
      perFrame[name] = 0;
      for (const push of sent) {
        const arrival = arrived.find(a => a.token === push.token && a.at >= push.at);
        if (arrival) {
          pushes.push(arrival.at - push.at);
          perFrame[name] += 1;
        }
      }
    }
  }
  const idsAfter = await loadIds(page);
  const sameFrames = idsBefore.length === idsAfter.length && idsBefore.every((id, i) => id === idsAfter[i]);

  const reloads = [];
  for (let i = 0; i < reloadRuns; i++) {
    const started = await page.evaluate(() => {
      // The page's Orders frame, wherever Luigi keeps it beside the modal.
      const frame = [...document.querySelectorAll('iframe')].find(candidate => candidate.src.includes('/apps/orders/'));
      const at = performance.timeOrigin + performance.now();
      frame.src = frame.src;
      return at;
    });
    const tokenAt = await poll(() => frameTime(page, '/apps/orders/', 'tokenAt', started), { what: 'reloaded token', intervalMs: 10 }).catch(() => undefined);
    if (tokenAt) reloads.push(tokenAt - started);
  }
  const push = stats(pushes);
  const reload = stats(reloads);
  return [
    row({
      id: 'tokenRotation',
      measurement: `Rotated token to open frames, push (vs frame reload), ${framesOpen} frames (page + modal)`,
      figure: push.median,
      comparison: reload.median,
      unit: 'ms',
      target: 'push < reload, no frame reloaded',
      met: push.n > 0 && push.median < reload.median && sameFrames,
      details: { push, reload, perFrame, framesOpen, framesNeverReloaded: sameFrames },
    }),
  ];
}
