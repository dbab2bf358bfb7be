// Waiting until servers answer: `npm start` says the portal is ready only once its page and its
// backend answer, not when it has merely started the bundler.

/** Whether `url` answers with a 2xx status within `timeoutMs`. */
export async function answers(url, timeoutMs = 2000) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Resolves once every URL of `urls` answers with a 2xx status, asking every `intervalMs` (a request
 * may take `requestTimeoutMs`: a dev server holds requests until its bundle is done). Rejects if
 * `exited` (a promise, e.g. of a child process's exit) settles first, or after `timeoutMs` (default:
 * no limit). `onSlow(waitingFor)` is called once, with the URLs not answering yet, after
 * `slowAfterMs`.
 */
export async function waitUntilAnswering(
  urls,
  { intervalMs = 500, requestTimeoutMs = 10_000, timeoutMs = Infinity, exited, slowAfterMs = Infinity, onSlow = () => {} } = {},
) {
  const started = Date.now();
  let gone;
  exited?.then(
    value => (gone = { value }),
    error => (gone = { value: error }),
  );
  let waitingFor = [...urls];
  let warned = false;
  for (;;) {
    const results = await Promise.all(waitingFor.map(url => answers(url, requestTimeoutMs)));
    waitingFor = waitingFor.filter((_, i) => !results[i]);
    if (waitingFor.length === 0) return;
    if (gone) throw new Error(`stopped (${gone.value}) before ${waitingFor.join(' and ')} answered`);
    const elapsed = Date.now() - started;
    if (elapsed > timeoutMs) throw new Error(`${waitingFor.join(' and ')} did not answer within ${timeoutMs} ms`);
    if (!warned && elapsed > slowAfterMs) {
      warned = true;
      onSlow(waitingFor);
    }
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
}
