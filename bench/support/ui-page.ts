// What the UI benchmark measures inside the page. Every function given to `page.evaluate` runs in
// Chromium (serialised, no closures): it takes browser globals via `PageGlobals` and keeps its
// state on `globalThis.ringsideBench`. Times are epoch ms (performance.timeOrigin + now()), the
// same clock the callback sender uses for its acknowledgements.
import type { Page } from 'playwright-core';
import type { PageGlobals } from '../../test/support/browser.ts';

interface BenchState {
  /** `${callSid} ${status}` → when the board first showed that row with that status. */
  boardSeen: Map<string, number>;
  /** Durations of the main thread's long tasks (> 50 ms) while the board was watched. */
  longTasks: number[];
  stopBoard: () => void;
}

export interface BoardObservation {
  shown: Record<string, number>;
  longTasks: number[];
}

/** Starts recording when each board row first shows each status (a MutationObserver on "Live calls"). */
export async function watchBoard(page: Page): Promise<void> {
  await page.evaluate(() => {
    const { document, MutationObserver, PerformanceObserver, performance } = globalThis as unknown as PageGlobals;
    const region = document.querySelector('[aria-label="Live calls"]');
    if (!region) throw new Error('The "Live calls" region is not on the page');
    const seen = new Map<string, number>();
    const observer = new MutationObserver(() => {
      const at = performance.timeOrigin + performance.now();
      for (const row of region.querySelectorAll('[data-call-sid][data-status]')) {
        const key = `${row.dataset.callSid ?? ''} ${row.dataset.status ?? ''}`;
        if (!seen.has(key)) seen.set(key, at);
      }
    });
    observer.observe(region, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
    const longTasks: number[] = [];
    const tasks = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((entry) => entry.duration)));
    tasks.observe({ type: 'longtask' });
    (globalThis as unknown as { ringsideBench: BenchState }).ringsideBench = {
      boardSeen: seen,
      longTasks,
      stopBoard: () => {
        observer.disconnect();
        tasks.disconnect();
      },
    };
  });
}

/** Stops watching and returns what the board showed, and when, and the long tasks meanwhile. */
export function stopWatchingBoard(page: Page): Promise<BoardObservation> {
  return page.evaluate(() => {
    const state = (globalThis as unknown as { ringsideBench: BenchState }).ringsideBench;
    state.stopBoard();
    return { shown: Object.fromEntries(state.boardSeen), longTasks: state.longTasks };
  });
}

/**
 * Clicks the History tab and returns the ms until its first stored call's row is on screen:
 * the row is in the DOM and the frame that contains it has been rendered.
 */
export function historyFirstPaint(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const { document, MutationObserver, performance, requestAnimationFrame, setTimeout } = globalThis as unknown as PageGlobals;
        const tab = document.querySelector('#tab-history');
        if (!tab) return reject(new Error('No History tab'));
        const started = performance.now();
        const painted = (): void => {
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started), 0));
        };
        const hasRow = (): boolean => document.querySelector('.history-row[data-call-sid]') !== null;
        const observer = new MutationObserver(() => {
          if (!hasRow()) return;
          observer.disconnect();
          painted();
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-call-sid'] });
        tab.click();
      }),
  );
}

export interface ScrollResult {
  /** requestAnimationFrame deltas, ms. */
  frames: number[];
  /** Frames where a visible row still showed its loading placeholder. */
  placeholderFrames: number;
  scrolledPx: number;
}

/** Scrolls the history list continuously at `pxPerSecond` for `durationMs`, recording every frame. */
export function scrollHistory(page: Page, durationMs: number, pxPerSecond: number): Promise<ScrollResult> {
  return page.evaluate(
    ({ durationMs, pxPerSecond }) =>
      new Promise<ScrollResult>((resolve, reject) => {
        const { document, requestAnimationFrame } = globalThis as unknown as PageGlobals;
        const scroller = document.querySelector('.history-scroll');
        if (!scroller) return reject(new Error('No history list to scroll'));
        const frames: number[] = [];
        let placeholderFrames = 0;
        let first: number | null = null;
        let last = 0;
        const frame = (time: number): void => {
          if (first === null) first = time;
          else frames.push(time - last);
          last = time;
          if (scroller.querySelector('.history-row:not([data-call-sid])')) placeholderFrames += 1;
          scroller.scrollTop = ((time - first) * pxPerSecond) / 1000;
          if (time - first < durationMs) requestAnimationFrame(frame);
          else resolve({ frames, placeholderFrames, scrolledPx: scroller.scrollTop });
        };
        requestAnimationFrame(frame);
      }),
    { durationMs, pxPerSecond },
  );
}

/** The renderer's live JS heap after a full garbage collection, in bytes. */
export async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize;
  } finally {
    await cdp.detach();
  }
}
