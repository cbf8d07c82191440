/** The demo's Figure 5 section: the output landscapes of one random network with ReLU, Swish and Mish. */
import { drawHeatmap, drawScale } from './heatmap.js';
import { computeLandscapes, EXTENT, LAYERS } from './landscape.js';
import { element, showError } from './page.js';

/** Grid and width for `?quick` (the page's test): a 64 × 64 grid. */
const QUICK_GRID = 64;
const WIDTH = 64;

export function setUpFigure5(quick: boolean): void {
  element('landscape-network').textContent =
    `2 inputs (x, y ∈ [−${EXTENT}, ${EXTENT}]) → ${LAYERS} dense layers of ${WIDTH} units, each followed by the ` +
    'activation → 1 linear output; weights N(0, 2/fan-in) (He normal), biases N(0, 0.1²); the same weights for all ' +
    "three activations, which run in place through the package's kernels (reluForward, swishForward, mishForward).";
  if (quick) element<HTMLSelectElement>('landscape-grid').value = String(QUICK_GRID);
}

/** Draws the three landscapes; `document.body.dataset.figure5` says 'running', then 'done' or 'failed'. */
export async function drawFigure5(device: GPUDevice): Promise<void> {
  const button = element<HTMLButtonElement>('landscape-run');
  const status = element<HTMLSpanElement>('landscape-status');
  const grid = Number(element<HTMLSelectElement>('landscape-grid').value);
  const seed = Math.max(0, Math.floor(Number(element<HTMLInputElement>('landscape-seed').value))) || 0;
  button.disabled = true;
  document.body.dataset.figure5 = 'running';
  status.textContent = `Evaluating ${grid * grid} points three times…`;
  try {
    const started = performance.now();
    const landscapes = await computeLandscapes(device, { grid, width: WIDTH, seed });
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (const { values } of landscapes) for (const v of values) [low, high] = [Math.min(low, v), Math.max(high, v)];
    const range = high - low || 1;
    for (const landscape of landscapes) {
      drawHeatmap(`landscape-${landscape.activation}`, landscape.values, grid, low, high);
      element(`landscape-${landscape.activation}-measure`).textContent =
        `creases (mean |discrete Laplacian|): ${((100 * landscape.laplacian) / range).toFixed(3)} %; ` +
        `mean |neighbour difference|: ${((100 * landscape.neighbourDifference) / range).toFixed(2)} % of the shared range`;
    }
    drawScale('landscape-scale', low, high);
    status.textContent = `Seed ${seed}, ${grid} × ${grid} points, in ${((performance.now() - started) / 1000).toFixed(1)} s.`;
    document.body.dataset.figure5 = 'done';
  } catch (error) {
    showError(`Figure 5 failed: ${error instanceof Error ? error.message : String(error)}`);
    document.body.dataset.figure5 = 'failed';
  } finally {
    button.disabled = false;
  }
}
