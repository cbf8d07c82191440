/** Images of 2-D fields on one shared colour scale (the demo's Figure 5), and the scale itself as a bar. */
import { element } from './page.js';

/** A perceptually ordered dark-blue → teal → yellow scale (viridis-like), by a few stops. */
const STOPS: ReadonlyArray<readonly [number, number, number]> = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

function colour(t: number): readonly [number, number, number] {
  const position = Math.min(1, Math.max(0, t)) * (STOPS.length - 1);
  const low = Math.min(STOPS.length - 2, Math.floor(position));
  const f = position - low;
  const [a, b] = [STOPS[low] as readonly number[], STOPS[low + 1] as readonly number[]];
  return [0, 1, 2].map((k) => Math.round((a[k] as number) + f * ((b[k] as number) - (a[k] as number)))) as unknown as readonly [number, number, number];
}

/** Draws `values` (grid × grid, first row at the bottom) into the canvas `id`, `low` dark and `high` bright. */
export function drawHeatmap(id: string, values: Float32Array, grid: number, low: number, high: number): void {
  const canvas = element<HTMLCanvasElement>(id);
  canvas.width = grid;
  canvas.height = grid;
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('demo: no 2-D canvas context');
  const image = context.createImageData(grid, grid);
  const span = high - low || 1;
  for (let row = 0; row < grid; row++) {
    for (let column = 0; column < grid; column++) {
      const [r, g, b] = colour(((values[row * grid + column] as number) - low) / span);
      const pixel = 4 * ((grid - 1 - row) * grid + column);
      image.data.set([r, g, b, 255], pixel);
    }
  }
  context.putImageData(image, 0, 0);
}

/** The colour scale as a horizontal bar in the canvas `id`, labelled with its ends. */
export function drawScale(id: string, low: number, high: number): void {
  const canvas = element<HTMLCanvasElement>(id);
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('demo: no 2-D canvas context');
  const { width, height } = canvas;
  for (let x = 0; x < width; x++) {
    const [r, g, b] = colour(x / (width - 1));
    context.fillStyle = `rgb(${r}, ${g}, ${b})`;
    context.fillRect(x, 0, 1, height - 14);
  }
  context.fillStyle = '#1d232a';
  context.font = '11px system-ui, sans-serif';
  context.fillText(low.toPrecision(3), 0, height - 2);
  const label = high.toPrecision(3);
  context.fillText(label, width - context.measureText(label).width, height - 2);
}
