// How fast the app is where its reader waits, measured here rather than estimated and
// written to the log as "timing: …" lines (the app benchmark reads them; they also help
// anyone reporting that something is slow).
import { api } from "./api";

/** Resolves once the browser has painted what the DOM holds now. */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

/** Log how long since `started` (a `performance.now()`) `what` took. */
export function logTiming(what: string, started: number): void {
  api.log("info", `timing: ${what} in ${(performance.now() - started).toFixed(1)} ms`);
}
