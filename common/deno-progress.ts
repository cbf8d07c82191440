/** Deno side of common/deno.ts: progress lines on stderr, which the Node side reads and prints. */

export const PROGRESS = 'progress ';

/** Reports progress to the Node side that runs this entry. */
export function reportToNode(progress: unknown): void {
  console.error(`${PROGRESS}${JSON.stringify(progress)}`);
}
