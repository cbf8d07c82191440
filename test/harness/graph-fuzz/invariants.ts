/**
 * The invariants of the graph rewrite that the model's JSON and bytes show, checked on every generated graph (each
 * throws an Error saying what broke): the argument untouched; every input names a node; no node that nothing reads
 * but the model's inputs and outputs, which are the original's (names, order, count); every weight read by a
 * constant and every constant's weight there, the bytes adding up; the Mish fused that the generator put there and no
 * more; and a second rewrite changing nothing.
 */
import type { io } from '@tensorflow/tfjs-core';
import type { FusedGraph } from '../../../src/tfjs.js';
import type { GraphNode } from '../../../src/testing.js';

const nodesOf = (artifacts: io.ModelArtifacts): GraphNode[] => (artifacts.modelTopology as { node: GraphNode[] }).node;
const nodeRead = (input: string): string => input.replace(/^\^/, '').replace(/:\d+$/, '');

/** The model's inputs and outputs by tfjs-converter's rule: the signature's names, or the Placeholders and the nodes nothing reads. */
function modelEnds(artifacts: io.ModelArtifacts): { inputs: string[]; outputs: string[] } {
  const nodes = nodesOf(artifacts);
  const read = new Set(nodes.flatMap((n) => (n.input ?? []).map(nodeRead)));
  const signature = artifacts.signature as { inputs?: Record<string, { name: string }>; outputs?: Record<string, { name: string }> } | undefined;
  const named = (entries: Record<string, { name: string }> | undefined) => Object.values(entries ?? {}).map((t) => nodeRead(t.name));
  const inputs = named(signature?.inputs);
  const outputs = named(signature?.outputs);
  return {
    inputs: inputs.length > 0 ? inputs : nodes.filter((n) => n.op.startsWith('Placeholder')).map((n) => n.name),
    outputs: outputs.length > 0 ? outputs : nodes.filter((n) => !read.has(n.name)).map((n) => n.name),
  };
}

/** The nodes TF.js would run for the model's outputs: the outputs and everything they read, transitively. */
export function liveNodes(artifacts: io.ModelArtifacts): Set<string> {
  const byName = new Map(nodesOf(artifacts).map((n) => [n.name, n]));
  const live = new Set<string>();
  const pending = [...modelEnds(artifacts).outputs];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (live.has(name)) continue;
    live.add(name);
    pending.push(...(byName.get(name)?.input ?? []).map(nodeRead));
  }
  return live;
}

/** A deep copy of what the caller handed the rewrite, weights' bytes included. */
export function snapshot(artifacts: io.ModelArtifacts): string {
  const data = artifacts.weightData;
  const shards = data === undefined ? [] : Array.isArray(data) ? data : [data];
  return JSON.stringify({ ...artifacts, weightData: shards.map((shard) => Array.from(new Uint8Array(shard))) });
}

const STORED_BYTES: Record<string, number> = { uint8: 1, uint16: 2, float16: 2, float32: 4, int32: 4 };

function storedBytes(spec: io.WeightsManifestEntry): number {
  return spec.shape.reduce((a, b) => a * b, 1) * (STORED_BYTES[spec.quantization?.dtype ?? spec.dtype] as number);
}

function weightBytes(data: io.ModelArtifacts['weightData']): number {
  if (data === undefined) return 0;
  return (Array.isArray(data) ? data : [data]).reduce((sum, shard) => sum + shard.byteLength, 0);
}

function check(condition: boolean, message: () => string): void {
  if (!condition) throw new Error(message());
}

/** Every structural invariant of `out` (the rewrite of `original`, whose state before it was `before`); `again` rewrites `out`. */
export function checkStructure(original: io.ModelArtifacts, before: string, expectedMish: number, out: FusedGraph, again: FusedGraph): void {
  check(snapshot(original) === before, () => 'the rewrite changed its argument');
  const result = out.artifacts;
  const nodes = nodesOf(result);
  const names = new Set(nodes.map((n) => n.name));
  for (const node of nodes) {
    for (const input of node.input ?? []) check(names.has(nodeRead(input)), () => `${node.name} (${node.op}) reads ${input}, which is not in the graph`);
  }
  const ends = modelEnds(original);
  const after = modelEnds(result);
  check(JSON.stringify(after) === JSON.stringify(ends), () => `inputs / outputs ${JSON.stringify(ends)} became ${JSON.stringify(after)}`);
  const kept = new Set([...ends.inputs, ...ends.outputs]);
  const read = new Set(nodes.flatMap((n) => (n.input ?? []).map(nodeRead)));
  const unread = nodes.filter((n) => !read.has(n.name) && !kept.has(n.name)).map((n) => n.name);
  check(unread.length === 0, () => `nodes nothing reads, that are no input or output: ${unread.join(', ')}`);
  const specs = result.weightSpecs ?? [];
  const constants = new Set(nodes.filter((n) => n.op === 'Const').map((n) => n.name));
  const orphans = specs.filter((spec) => !constants.has(spec.name)).map((spec) => spec.name);
  check(orphans.length === 0, () => `weights no node reads: ${orphans.join(', ')}`);
  const missing = [...constants].filter((name) => !specs.some((spec) => spec.name === name));
  check(missing.length === 0, () => `constants without their weight: ${missing.join(', ')}`);
  const stored = specs.reduce((sum, spec) => sum + storedBytes(spec), 0);
  check(stored === weightBytes(result.weightData), () => `the weights' specs take ${stored} bytes, their data ${weightBytes(result.weightData)}`);
  check(out.fused === expectedMish, () => `fused ${out.fused} Mish; the graph has ${expectedMish}`);
  check(
    again.fused === 0 &&
      again.convolutions === 0 &&
      again.removed.nodes === 0 &&
      JSON.stringify(again.artifacts.modelTopology) === JSON.stringify(result.modelTopology),
    () => `a second rewrite changed the graph (fused ${again.fused}, into convolutions ${again.convolutions}, removed ${again.removed.nodes})`,
  );
}

/** The graph as lines `name = Op(inputs)`, with its weights' storage and its signature: what a failure prints. */
export function describeGraph(artifacts: io.ModelArtifacts): string {
  const storage = new Map((artifacts.weightSpecs ?? []).map((spec) => [spec.name, spec.quantization?.dtype ?? spec.dtype]));
  const lines = nodesOf(artifacts).map((n) => {
    if (n.op === 'Const') return `  ${n.name} = Const(${storage.get(n.name) ?? 'inline'})`;
    const fused = n.attr?.fused_ops?.list?.s;
    const suffix = fused === undefined ? '' : ` [${fused.map((s) => atob(s)).join(', ')}]`;
    return `  ${n.name} = ${n.op}${suffix}(${(n.input ?? []).join(', ')})`;
  });
  const ends = modelEnds(artifacts);
  const shards = Array.isArray(artifacts.weightData) ? artifacts.weightData.length : 1;
  return [
    ...lines,
    `  ${artifacts.signature === undefined ? 'no signature: ' : 'signature: '}inputs ${ends.inputs.join(', ')}; outputs ${ends.outputs.join(', ')}; weights in ${shards} shard${shards === 1 ? '' : 's'}`,
  ].join('\n');
}
