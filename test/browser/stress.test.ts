// Many calls before one submit (issue 16): every call computes with its own parameters and writes exactly its
// range, however many share an encoder, with calls that submit on their own in between, across devices, and when
// the device is lost while an encoder is open. ReLU on the real adapter, every element judged bit for bit.
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { StressResult } from '../harness/index.js';
import { useHarness } from './page.js';

/** The calls in one encoder that issue 16 measured (1 000 to 3 000), and 10 000. */
const ENCODER_CALLS = [1000, 1100, 3000, 10_000];
/** Lengths cycle after 3 000 calls, so that 10 000 ranges fit one 256 MiB buffer. */
const LENGTH_PERIOD = 3000;

function expectExact(result: StressResult): void {
  expect(result.gpuErrors, 'GPU errors').toEqual([]);
  expect({ wrongInside: result.wrongInside, writtenOutside: result.writtenOutside }).toEqual({ wrongInside: 0, writtenOutside: 0 });
}

describe.skipIf(inject('browser').adapter === null)('many calls before one submit', () => {
  const harness = useHarness('src');
  const table: string[] = [];

  afterAll(() => {
    console.log(['calls in the encoder | elements wrong inside the asked ranges | elements written outside them', ...table].join('\n'));
  });

  for (const calls of ENCODER_CALLS) {
    it(`${calls} distinct ranges in one encoder`, async () => {
      const result = await harness().page.evaluate((n, p) => window.harness!.runManyRanges(n, p), calls, LENGTH_PERIOD);
      table.push(`${String(calls).padStart(20)} | ${String(result.wrongInside).padStart(38)} | ${result.writtenOutside}`);
      expectExact(result);
    });
  }

  it('3 000 calls, every third submitted on its own while the encoder is open', async () => {
    expectExact(await harness().page.evaluate(() => window.harness!.runInterleaved(3000)));
  });

  it('4 devices, each with an open encoder of 1 500 calls, recorded in turns', async () => {
    const result = await harness().page.evaluate(() => window.harness!.runManyDevices(4, 1500));
    expect(result.calls).toBe(6000);
    expectExact(result);
  });

  it('a device lost while an encoder holds 500 calls: the next call throws, nothing is left behind', async () => {
    const result = await harness().page.evaluate(() => window.harness!.runLostWithOpenEncoder(500));
    expect(result.message).toMatch(/^DeviceLostError: reluForward: the device was lost \(destroyed.*\); request a new device/);
    expect(result.uncaptured).toEqual([]);
    expectExact(result.after);
  });
});
