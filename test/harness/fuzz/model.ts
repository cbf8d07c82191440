/**
 * The CPU model of the fuzz's buffers: what every element of every buffer must hold after the calls submitted so
 * far, and how exactly. ReLU is exact, so its results are known bit for bit; Mish and Swish results are known
 * within the promised bounds (test/support/tolerances.ts), from the inputs they were computed from. After a
 * readback has judged them, such elements take the GPU's bits, so that later calls can read them exactly.
 *
 * What the model allows beyond bits, and why (WGSL allows it, the README says so, nothing else is allowed):
 *   - ZERO_EITHER_SIGN: a zero product dy·relu'(x) = dy·0 may be +0 or −0 (WGSL lets an adapter ignore the sign
 *     of zero; SwiftShader drops it).
 *   - An f32 (or bf16) subnormal is never an input of an exact expectation: WGSL lets an adapter flush it
 *     (SwiftShader gives relu'(x) = 0 for a positive subnormal x). The fuzz's own inputs have none; a Mish or
 *     Swish result that is one is TAINTED: checked bit for bit while it stays, but what reads it is not judged.
 */
import { fromBits } from '../../../common/f32.js';
import type { Activation, Pass } from '../../../src/index.js';
import { decodeHalf, encodeHalf, roundToHalf } from '../../../common/half.js';
import { expectedValue, withinAllowance, withinHalfAllowance } from '../../support/tolerances.js';
import type { Format } from '../buffers.js';

/** Bits known exactly. */
const EXACT = 0;
/** A zero whose sign the adapter may choose. */
const ZERO_EITHER_SIGN = 1;
/** A Mish or Swish result: within the bound of the value computed from `inputX`, `inputDy`. */
const APPROXIMATE = 2;
/** Computed from an input that was itself not exact: any bits. */
const UNKNOWN = 3;
/** Bits known exactly, but a subnormal that an adapter may flush when it reads it. */
const TAINTED = 4;

/** The six kernels in a fixed order (an element's `kernelOf`). */
export const KERNELS: ReadonlyArray<{ activation: Activation; pass: Pass }> = (['mish', 'relu', 'swish'] as const).flatMap((activation) =>
  (['forward', 'backward'] as const).map((pass) => ({ activation, pass })),
);

const BYTES: Record<Format, number> = { f32: 4, f16: 2, bf16: 2 };

function isF32Subnormal(value: number): boolean {
  return value !== 0 && Math.abs(value) < 2 ** -126;
}

export class ModelBuffer {
  readonly bits: Uint32Array<ArrayBuffer> | Uint16Array<ArrayBuffer>;
  readonly kind: Uint8Array;
  private readonly kernelOf: Uint8Array;
  private readonly inputX: Float64Array;
  private readonly inputDy: Float64Array;

  constructor(
    readonly format: Format,
    initial: Uint32Array<ArrayBuffer> | Uint16Array<ArrayBuffer>,
  ) {
    this.bits = initial.slice();
    const elements = initial.length;
    this.kind = new Uint8Array(elements);
    this.kernelOf = new Uint8Array(elements);
    this.inputX = new Float64Array(elements);
    this.inputDy = new Float64Array(elements);
  }

  get elements(): number {
    return this.bits.length;
  }

  /** Bytes the GPU buffer has: whole 4-byte words. */
  get byteSize(): number {
    return Math.ceil((this.elements * BYTES[this.format]) / 4) * 4;
  }

  value(k: number): number {
    const bits = this.bits[k] as number;
    return this.format === 'f32' ? fromBits(bits) : decodeHalf(this.format, bits);
  }

  /** Whether element k can be an input of an expectation. */
  readable(k: number): boolean {
    const kind = this.kind[k];
    return kind === EXACT || kind === ZERO_EITHER_SIGN;
  }

  /** Element k becomes f(x) or dy·f'(x) for the call's kernel; `known` is false when an input was not readable. */
  write(k: number, kernel: number, x: number, dy: number, known: boolean): void {
    const { activation, pass } = KERNELS[kernel] as (typeof KERNELS)[number];
    if (!known) {
      this.kind[k] = UNKNOWN;
      return;
    }
    if (activation !== 'relu') {
      this.kind[k] = APPROXIMATE;
      this.kernelOf[k] = kernel;
      this.inputX[k] = x;
      this.inputDy[k] = dy;
      return;
    }
    const result = expectedValue('relu', pass, x, dy);
    this.bits[k] = this.encode(result);
    this.kind[k] = pass === 'backward' && result === 0 ? ZERO_EITHER_SIGN : EXACT;
  }

  private encode(value: number): number {
    if (this.format === 'f32') {
      const scratch = new Float32Array([value]);
      return new Uint32Array(scratch.buffer)[0] as number;
    }
    return encodeHalf(this.format, roundToHalf(this.format, value));
  }

  /**
   * Judges element k against `gotBits` read from the GPU; returns a description of the mismatch or null. The
   * element then holds the GPU's bits (a Mish or Swish result becomes an exact input for later calls).
   */
  judge(k: number, gotBits: number): string | null {
    const kind = this.kind[k];
    const wantBits = this.bits[k] as number;
    const decode = (bits: number): number => (this.format === 'f32' ? fromBits(bits) : decodeHalf(this.format as 'f16' | 'bf16', bits));
    const got = decode(gotBits);
    let problem: string | null = null;
    if (kind === EXACT || kind === TAINTED) {
      if (gotBits !== wantBits) problem = `bits 0x${gotBits.toString(16)}, expected 0x${wantBits.toString(16)} (${decode(wantBits)})`;
    } else if (kind === ZERO_EITHER_SIGN) {
      if (got !== 0) problem = `got ${got}, expected a zero`;
    } else if (kind === APPROXIMATE) {
      const { activation, pass } = KERNELS[this.kernelOf[k] as number] as (typeof KERNELS)[number];
      const x = this.inputX[k] as number;
      const dy = this.inputDy[k] as number;
      const allowed = this.format === 'f32' ? withinAllowance(activation, pass, x, dy, got) : withinHalfAllowance(activation, pass, this.format, x, dy, got);
      if (!allowed)
        problem = `${activation} ${pass} of x=${x} dy=${dy}: got ${got}, expected ${expectedValue(activation, pass, x, dy)} within the promised bound`;
    }
    if (kind !== EXACT) {
      this.bits[k] = gotBits;
      this.kind[k] = isF32Subnormal(got) && this.format !== 'f16' ? TAINTED : EXACT;
    }
    return problem;
  }
}
