/**
 * The range churn every runtime runs (test/harness/churn-cases.ts): calls submitted one by one, then calls recorded
 * into one encoder, each with a range no earlier call had; and what the package may keep alive meanwhile.
 */
import type { ChurnResult } from '../harness/index.js';

export const CHURN = { submitted: 3300, recorded: 3000 } as const;

/** Live package buffers allowed per device at any point (issue 29); the package keeps one, its parameter table. */
export const MAX_LIVE_BUFFERS = 16;

/** One line for a test's output. */
export function describeChurn(result: ChurnResult, where: string): string {
  return (
    `range churn (${where}): ${result.submitted} calls submitted one by one, then ${result.recorded} into one encoder, ` +
    `each a new range: ${result.created} package buffers created, at most ${result.mostAlive} alive at once, ` +
    `${result.aliveAtEnd} at the end; ${result.pipelines} pipelines; ${result.wrongInside} elements wrong, ` +
    `${result.writtenOutside} written outside the ranges; ${(result.milliseconds / 1000).toFixed(1)} s`
  );
}
