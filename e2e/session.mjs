// One browser page per test file: opened before the file's tests, closed after them.
import { after, before } from 'node:test';
import { launchBrowser } from './browser.mjs';

/**
 * Registers the hooks and hands the page to `onOpen` once it is open. Returns the session, whose
 * `browser` gives access to the browser context (cookies, more pages).
 */
export function openSession(onOpen) {
  const session = {};
  before(async () => {
    session.browser = await launchBrowser();
    session.page = await session.browser.context.newPage();
    await onOpen(session.page);
  });
  after(() => session.browser?.close());
  return session;
}
