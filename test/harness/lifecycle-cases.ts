/** Runs in the page: prepare() on a new device, calls after a device loss, and choosing a device's tiling. */
import { readBuffer } from '../../common/read-buffer.js';
import type { Tiling, TilingChoice, TuneTilingResult } from '../../src/index.js';
import { pipelineCount } from '../../src/testing.js';
import { countObjects } from './counting.js';
import { spreadInputs } from '../support/inputs.js';
import { withinAllowance } from '../support/tolerances.js';
import { type Devices, popScopes, pushScopes, upload } from './device.js';
import type { Lib } from './f32-cases.js';

export function createLifecycleCases(lib: Lib, devices: Devices) {
  /** mishForward on 1 000 spread inputs, checked against the reference; the failures counted. */
  async function checkedMishForward(gpu: GPUDevice): Promise<number> {
    const xs = spreadInputs(1000, 99);
    const x = upload(gpu, 'test x', xs);
    const y = upload(gpu, 'test y', new Float32Array(1000));
    lib.mishForward(gpu, { x, y });
    const got = await readBuffer(gpu, y);
    x.destroy();
    y.destroy();
    return xs.filter((value, i) => !withinAllowance('mish', 'forward', value, 1, got[i] as number)).length;
  }

  /**
   * prepare() on a new device, awaited before the first call or not; then a checked call. Reports the pipelines the
   * device made by the time prepare settled, and those the checked call made after an awaited prepare (none:
   * counted on the device, so the same for the source and dist/).
   */
  async function runPrepare(awaitFirst: boolean): Promise<{ pipelines: number; pipelinesAfter: number; failures: number; gpuErrors: string[] }> {
    const gpu = await devices.fresh('webgpu-mish prepare test');
    const counts = countObjects(gpu);
    pushScopes(gpu);
    let failures: number;
    let pipelines: number;
    let pipelinesAfter = 0;
    if (awaitFirst) {
      await lib.prepare(gpu);
      pipelines = counts.pipelines();
      failures = await checkedMishForward(gpu);
      pipelinesAfter = counts.pipelines() - pipelines;
    } else {
      const prepared = lib.prepare(gpu);
      failures = await checkedMishForward(gpu);
      await prepared;
      pipelines = counts.pipelines();
    }
    counts.restore();
    const gpuErrors = await popScopes(gpu);
    gpu.destroy();
    return { pipelines, pipelinesAfter, failures, gpuErrors };
  }

  /** A call after device.destroy() must throw and say so; a new device must then work with no other action. */
  async function runDeviceLoss(): Promise<{ reason: string; message: string | null; failuresAfter: number }> {
    const first = await devices.fresh('webgpu-mish device loss test');
    const failuresBefore = await checkedMishForward(first);
    const x = first.createBuffer({ label: 'test x', size: 64, usage: GPUBufferUsage.STORAGE });
    first.destroy();
    const info = await first.lost;
    let message: string | null = null;
    try {
      lib.mishForward(first, { x, y: x });
    } catch (error) {
      message = `${(error as Error).name}: ${(error as Error).message}`;
    }
    const second = await devices.fresh('webgpu-mish device after loss');
    const failuresAfter = failuresBefore + (await checkedMishForward(second));
    second.destroy();
    return { reason: info.reason, message, failuresAfter };
  }

  /**
   * setTiling on a new device: the rule's choice first, then a forced shape (a checked call with it), then 'auto'
   * again (another checked call).
   */
  async function runSetTiling(
    forced: Tiling,
  ): Promise<{ rule: TilingChoice; forced: TilingChoice; back: TilingChoice; failures: number; gpuErrors: string[] }> {
    const gpu = await devices.fresh('webgpu-mish setTiling test');
    pushScopes(gpu);
    const rule = { ...lib.getTiling(gpu) };
    lib.setTiling(gpu, forced);
    const forcedChoice = { ...lib.getTiling(gpu) };
    let failures = await checkedMishForward(gpu);
    const back = { ...lib.setTiling(gpu, 'auto') };
    failures += await checkedMishForward(gpu);
    const gpuErrors = await popScopes(gpu);
    gpu.destroy();
    return { rule, forced: forcedChoice, back, failures, gpuErrors };
  }

  /**
   * tuneTiling on a new device among `candidates` (small, so that it runs in seconds on a software adapter): what it
   * chose and measured, the buffers it left alive, the pipelines kept, and a checked call afterwards.
   */
  async function runTuneTiling(candidates: Tiling[]): Promise<{
    result: TuneTilingResult;
    after: TilingChoice;
    buffersLeft: number;
    pipelines: number;
    failures: number;
    gpuErrors: string[];
  }> {
    const gpu = await devices.fresh('webgpu-mish tuneTiling test');
    pushScopes(gpu);
    const counter = countObjects(gpu);
    const result = await lib.tuneTiling(gpu, { elements: 2 ** 18, rounds: 2, candidates });
    const buffersLeft = counter.alive();
    counter.restore();
    const pipelines = pipelineCount(gpu);
    const failures = await checkedMishForward(gpu);
    const gpuErrors = await popScopes(gpu);
    // Copies: the same object twice in a result comes back as undefined through WebDriver BiDi (Firefox).
    const after = { ...lib.getTiling(gpu) };
    gpu.destroy();
    return { result: { ...result, choice: { ...result.choice } }, after, buffersLeft, pipelines, failures, gpuErrors };
  }

  /**
   * Two devices, and the mistake of calling one with the other's buffers: x and y made on B, mishForward(A, { x, y })
   * (which no synchronous check can see: WebGPU shows no buffer's device). A reports its validation error; the
   * correct call on B must then compute right (no plan or pipeline of A's reaches it), and the mistake repeated on A
   * must throw, naming x.
   */
  async function runForeignBuffers(): Promise<{
    firstThrew: string | null;
    deviceError: string | null;
    failures: number;
    againThrew: string | null;
    bErrors: string[];
  }> {
    const a = await devices.fresh('webgpu-mish device A');
    const b = await devices.fresh('webgpu-mish device B');
    pushScopes(b);
    const xs = spreadInputs(1000, 7);
    const x = upload(b, 'test x on B', xs);
    const y = upload(b, 'test y on B', new Float32Array(1000));
    const thrown = (call: () => void): string | null => {
      try {
        call();
        return null;
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
    };
    a.pushErrorScope('validation');
    const firstThrew = thrown(() => lib.mishForward(a, { x, y }));
    const deviceError = (await a.popErrorScope())?.message ?? null;
    await a.queue.onSubmittedWorkDone();
    lib.mishForward(b, { x, y });
    const got = await readBuffer(b, y);
    const failures = xs.filter((value, i) => !withinAllowance('mish', 'forward', value, 1, got[i] as number)).length;
    const againThrew = thrown(() => lib.mishForward(a, { x, y }));
    const bErrors = await popScopes(b);
    x.destroy();
    y.destroy();
    a.destroy();
    b.destroy();
    return { firstThrew, deviceError, failures, againThrew, bErrors };
  }

  return { runPrepare, runDeviceLoss, runSetTiling, runTuneTiling, runForeignBuffers };
}
