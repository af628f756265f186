import {isPamphletError} from '../errors.js';
import {closeBrowser, getBrowser} from './browser.js';

/**
 * Run a Chromium job; if it fails with `E_RENDER` (Chromium crashed, hung or closed the page),
 * run it once more on a working browser. `onRetry` is told why, so the log can say so.
 * A dead browser is forgotten so the retry launches a new one; a live one (a hung page) is
 * kept, because other articles may be printing on it.
 */
export async function retryOnRenderFailure<T>(work: () => Promise<T>, onRetry: (reason: string) => void): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isPamphletError(error) || error.code !== 'E_RENDER') throw error;
    onRetry(error.message);
    // Retries run one at a time: if one article crashes Chromium again, the others that
    // failed with it are not spent on the same crash.
    const retry = retries.then(async () => {
      if (!(await getBrowser().catch(() => undefined))?.connected) await closeBrowser().catch(() => undefined);
      return work();
    });
    retries = retry.catch(() => undefined);
    return retry;
  }
}

let retries: Promise<unknown> = Promise.resolve();
