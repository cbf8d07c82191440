/**
 * The page-side test harness (also run in Node by test/node-gpu): the cases of every test file, on the library it
 * is given (the source or the built dist). Every function returns a small summary, because everything crosses the
 * DevTools protocol as JSON.
 */
import { createAdversaryCases } from './adversary-cases.js';
import { createChurnCases } from './churn-cases.js';
import { createDevices } from './device.js';
import { createF32Cases, type Lib } from './f32-cases.js';
import { createFuzzCases } from './fuzz/run.js';
import { createHalfCases } from './half-cases.js';
import { createLifecycleCases } from './lifecycle-cases.js';
import { createSpecialCases } from './special-cases.js';
import { createStressCases } from './stress-cases.js';

export type { AdversaryCheck, PreviousForwardCheck } from './adversary-cases.js';
export type { ChurnResult } from './churn-cases.js';
export type { CaseResult } from './checks.js';
export type { CaseSpec, Lib } from './f32-cases.js';
export type { FuzzOptions, FuzzReport } from './fuzz/run.js';
export type { HalfSpec } from './half-cases.js';
export type { StressResult } from './stress-cases.js';

export function createHarness(lib: Lib) {
  const devices = createDevices(lib.setTiling);
  return {
    describeAdapter: devices.describe,
    useTiling: devices.useTiling,
    ...createF32Cases(lib, devices),
    ...createHalfCases(lib, devices),
    ...createLifecycleCases(lib, devices),
    ...createSpecialCases(lib, devices),
    ...createStressCases(lib, devices),
    ...createFuzzCases(lib, devices),
    ...createChurnCases(lib, devices),
    ...createAdversaryCases(devices),
  };
}

export type Harness = ReturnType<typeof createHarness>;
