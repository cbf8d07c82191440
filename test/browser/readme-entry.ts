// Runs one of the README's usage examples (served by readme-example.ts; `?example=tfjs`, default 'core') and
// reports when it has finished. After the graph example, the same model loaded as it is (no rewrite) gives the values
// the example's must match.
import * as tfconv from '@tensorflow/tfjs-converter';
import * as tf from '@tensorflow/tfjs-core';
import { CONV_MISH_INPUT } from '../support/models.js';

declare global {
  interface Window {
    readmeExample?: { done: boolean; error?: string; reference?: { values: number[]; scale: number } };
  }
}

/**
 * The graph example's model, unrewritten, on the input the example gives it (ones): its first four outputs, and its
 * largest output in magnitude (the scale of MODEL_DIFFERENCE).
 */
async function graphReference(): Promise<{ values: number[]; scale: number }> {
  const model = await tfconv.loadGraphModel('model/model.json');
  const y = model.execute(tf.ones(CONV_MISH_INPUT)) as tf.Tensor;
  const all = Array.from(await y.data());
  return { values: all.slice(0, 4), scale: Math.max(...all.map(Math.abs)) };
}

const name = new URLSearchParams(location.search).get('example') ?? 'core';
// Vite serves a virtual module at /@id/__x00__<id>; the typechecker does not follow this path.
const exampleId = `/@id/__x00__virtual:readme-example-${name}.ts`;
try {
  await import(/* @vite-ignore */ exampleId);
  window.readmeExample = name === 'graph' ? { done: true, reference: await graphReference() } : { done: true };
} catch (error) {
  window.readmeExample = { done: true, error: String(error) };
}
