/**
 * The page-side TF.js harness: `webgpu-mish/tfjs` (the built dist/tfjs.js) inside TensorFlow.js's real WebGPU
 * backend. Every function returns a small JSON summary for the Node side (test/browser/tfjs.test.ts).
 */
import { type TfjsLib, useBackend } from './backend.js';
import { createCompositeCases } from './composite-cases.js';
import { createLayersCases } from './layers-cases.js';
import { runGraphFuzz, type GraphFuzzOptions } from '../graph-fuzz/run.js';
import { createLayersModelCases } from './layers-model-cases.js';
import { createLoadCases } from './load-cases.js';
import { createModelCases } from './model-cases.js';
import { createOpCases } from './op-cases.js';
import { createSecondOrderCases } from './second-order-cases.js';

export type { TfjsLib } from './backend.js';
export type { Check } from './checks.js';
export type { GraphFuzzOptions } from '../graph-fuzz/run.js';

export function createTfjsHarness(lib: TfjsLib) {
  const op = createOpCases(lib);
  const layers = createLayersCases(lib);
  return {
    useBackend,
    ...op,
    ...layers,
    ...createCompositeCases(lib),
    ...createSecondOrderCases(lib),
    ...createModelCases(lib),
    ...createLoadCases(lib),
    ...createLayersModelCases(lib),
    /** The graph rewrite's differential fuzz on dist/tfjs.js, its values on the backends the options name. */
    runGraphFuzz: (options: GraphFuzzOptions) => runGraphFuzz({ ...lib, useBackend }, options),
    /** The kernels TF.js ran for the op, its gradient, and a layers model's predict and fit. */
    async profiles(): Promise<Record<'forward' | 'gradient' | 'predict' | 'fit', string[]>> {
      return { ...(await op.opProfiles()), ...(await layers.layersProfiles()) };
    },
  };
}

export type TfjsHarness = ReturnType<typeof createTfjsHarness>;
