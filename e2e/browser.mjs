// Launches a real headless Chromium for the browser tests. The binary comes from the
// @sparticuz/chromium registry package (unpacked on first use), so a fresh machine with only Node.js
// and npm can run the tests; LUIGI_E2E_CHROMIUM points at another Chromium if wanted.
import chromiumPackage from '@sparticuz/chromium';
import { chromium } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/** Starts Chromium with a fresh profile; `close()` removes the profile again. */
export async function launchBrowser() {
  const executablePath = process.env.LUIGI_E2E_CHROMIUM || (await chromiumPackage.executablePath());
  const profile = await mkdtemp(join(tmpdir(), 'luigi-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: FLAGS,
    viewport: { width: 1400, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
