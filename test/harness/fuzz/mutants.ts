/**
 * Slightly wrong call paths, to show that the fuzz rejects them (test/browser/fuzz.test.ts): a fuzz that passes
 * on these would pass on anything. Each is the library with one function changed.
 */
import { patchedKernel, runElementwise } from '../../../src/testing.js';
import type { Lib } from '../f32-cases.js';

export type MutantName = 'mish-ln2-lo' | 'relu-one-past-the-end' | 'swish-backward-dy-shifted' | 'relu-backward-boundary-dy-late';

export const MUTANTS: Record<MutantName, { describe: string; apply(lib: Lib): Lib }> = {
  'mish-ln2-lo': {
    // The wrong-kernel test's Mish: ln 2's low part 1.4456e-6 instead of 1.42860677e-6 (about 20 ulp at x = −50).
    describe: 'Mish forward with MISH_LN2_LO = 1.4456e-6, on the real path',
    apply: (lib) => {
      const kernel = patchedKernel('mish', 'const MISH_LN2_LO: f32 = 1.42860677e-6;', 'const MISH_LN2_LO: f32 = 1.4456e-6;');
      const mishForward: Lib['mishForward'] = (device, args) => runElementwise('mishForward', kernel, 'forward', device, args);
      return { ...lib, mishForward };
    },
  },
  'relu-one-past-the-end': {
    describe: 'reluForward writing one element past its range when the length is odd',
    apply: (lib) => {
      const reluForward: Lib['reluForward'] = (device, args) => {
        const length = args.length ?? 0;
        lib.reluForward(device, { ...args, length: length % 2 === 1 ? length + 1 : length });
      };
      return { ...lib, reluForward };
    },
  },
  'swish-backward-dy-shifted': {
    describe: 'swishBackward reading dy one element late when dyOffset is odd',
    apply: (lib) => {
      const swishBackward: Lib['swishBackward'] = (device, args) => {
        const dyOffset = args.dyOffset ?? 0;
        lib.swishBackward(device, { ...args, dyOffset: dyOffset % 2 === 1 ? dyOffset + 1 : dyOffset });
      };
      return { ...lib, swishBackward };
    },
  },
  'relu-backward-boundary-dy-late': {
    // Only calls whose every offset is a multiple of 256 bytes (those that bind their buffers exactly) go wrong.
    describe: 'reluBackward reading dy one element late when every offset is at a 256-byte boundary',
    apply: (lib) => {
      const reluBackward: Lib['reluBackward'] = (device, args) => {
        const bytes = args.dtype === 'f16' || args.dtype === 'bf16' ? 2 : 4;
        const offsets = [args.xOffset ?? 0, args.dyOffset ?? 0, args.dxOffset ?? 0];
        const atBoundaries = offsets.every((offset) => (offset * bytes) % 256 === 0);
        lib.reluBackward(device, atBoundaries ? { ...args, dyOffset: (args.dyOffset ?? 0) + 1 } : args);
      };
      return { ...lib, reluBackward };
    },
  },
};
