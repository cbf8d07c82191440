/**
 * Times recorded passes on the GPU: timestamp queries around them where the device has `timestamp-query`,
 * otherwise CPU time from submit to `onSubmittedWorkDone`. Nothing else is read back inside a timed region.
 */
import type { Step } from './types.js';

export class Timer {
  readonly kind: 'timestamp' | 'cpu';
  private readonly querySet?: GPUQuerySet;
  private readonly resolve?: GPUBuffer;
  private readonly readback?: GPUBuffer;

  constructor(private readonly device: GPUDevice) {
    this.kind = device.features.has('timestamp-query') ? 'timestamp' : 'cpu';
    if (this.kind === 'timestamp') {
      this.querySet = device.createQuerySet({ label: 'bench timestamps', type: 'timestamp', count: 2 });
      this.resolve = device.createBuffer({
        label: 'bench timestamp resolve',
        size: 16,
        usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC,
      });
      this.readback = device.createBuffer({
        label: 'bench timestamp readback',
        size: 16,
        usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
      });
    }
  }

  /** Milliseconds for `steps` recorded back to back, or null when the timestamps came out negative. */
  async measure(steps: readonly Step[]): Promise<number | null> {
    const encoder = this.device.createCommandEncoder({ label: 'bench measurement' });
    const { querySet, resolve, readback } = this;
    if (querySet === undefined || resolve === undefined || readback === undefined) {
      for (const step of steps) step(encoder);
      const commands = encoder.finish();
      await this.device.queue.onSubmittedWorkDone();
      const start = performance.now();
      this.device.queue.submit([commands]);
      await this.device.queue.onSubmittedWorkDone();
      return performance.now() - start;
    }
    steps.forEach((step, index) => {
      const first = index === 0;
      const last = index === steps.length - 1;
      const writes = first || last ? { querySet, ...(first ? { beginningOfPassWriteIndex: 0 } : {}), ...(last ? { endOfPassWriteIndex: 1 } : {}) } : undefined;
      step(encoder, writes);
    });
    encoder.resolveQuerySet(querySet, 0, 2, resolve, 0);
    encoder.copyBufferToBuffer(resolve, 0, readback, 0, 16);
    this.device.queue.submit([encoder.finish()]);
    await readback.mapAsync(GPUMapMode.READ);
    const [begin, end] = new BigInt64Array(readback.getMappedRange().slice(0));
    readback.unmap();
    const nanoseconds = Number((end as bigint) - (begin as bigint));
    // Timestamps may be reordered or reset by the implementation; a negative span is dropped.
    return nanoseconds > 0 ? nanoseconds / 1e6 : null;
  }

  destroy(): void {
    this.querySet?.destroy();
    this.resolve?.destroy();
    this.readback?.destroy();
  }
}
