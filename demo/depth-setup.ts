/** What the demo's Figure 6 runs: its setting, shared by the page and `npm run experiment` (no browser needed). */

export interface DepthSetup {
  depths: number[];
  /** Units per hidden dense layer (the paper: 500). */
  width: number;
  epochs: number;
  /** Training digits (the rest of the split is the fixed test set). */
  samples: number;
  batch: number;
  learningRate: number;
  seed: number;
}

/** The paper's network; 3 epochs on all 8 000 training digits: about two minutes on a laptop GPU by our estimate. */
export const DEFAULT_DEPTH_SETUP: DepthSetup = { depths: [5, 10, 15, 20, 25], width: 500, epochs: 3, samples: 8000, batch: 128, learningRate: 0.1, seed: 1 };
/** Digits held out for testing, the same for every setting. */
export const TEST_DIGITS = 2000;
