/**
 * A TensorFlow.js graph model's topology as tfjs-converter writes it (a GraphDef in JSON), indexed for rewriting:
 * nodes by name, each tensor's consumers, the model's outputs, and the weights of its constants. The checks every
 * fusion needs are here, written once: a node whose output has one consumer and is not a model output, an input that
 * names a node's first output, a constant that is the scalar 1.
 */
import type { io } from '@tensorflow/tfjs-core';

/** One attribute value of a GraphDef node (the fields the rewrites read or write). */
export interface AttrValue {
  s?: string;
  i?: string | number;
  f?: number;
  b?: boolean;
  type?: string;
  list?: { s?: string[]; i?: Array<string | number>; f?: number[] };
  tensor?: { dtype?: string; tensorShape?: { dim?: Array<{ size?: string | number }> }; floatVal?: number[] };
  [key: string]: unknown;
}

export interface GraphNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, AttrValue>;
  device?: string;
  [key: string]: unknown;
}

export interface GraphDef {
  node: GraphNode[];
  [key: string]: unknown;
}

/** The node a tensor name belongs to, for its first output ('conv', 'conv:0'); null for other outputs or control inputs. */
export function producerOf(input: string): string | null {
  if (input.startsWith('^')) return null;
  const colon = input.lastIndexOf(':');
  if (colon < 0) return input;
  return input.slice(colon + 1) === '0' ? input.slice(0, colon) : null;
}

/** Whether two input strings name the same tensor ('x' and 'x:0' do). */
export function sameTensor(a: string, b: string): boolean {
  const strip = (name: string): string => (name.endsWith(':0') ? name.slice(0, -2) : name);
  return !a.startsWith('^') && !b.startsWith('^') && strip(a) === strip(b);
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/** A GraphDef string attribute: base64 of its bytes. */
export function encodeString(text: string): string {
  let binary = '';
  for (const byte of utf8.encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function decodeString(base64: string): string {
  return fromUtf8.decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
}

/** The model's graph, indexed. Nodes are the ones of `graph` (the caller's copy): rewrites change them in place. */
export class IndexedGraph {
  readonly byName = new Map<string, GraphNode>();
  /** For each node name, the nodes reading its first output (a node reading it twice counts twice). */
  private readonly consumers = new Map<string, GraphNode[]>();
  private readonly outputs: Set<string>;
  private readonly removed = new Set<string>();

  constructor(
    readonly graph: GraphDef,
    signatureOutputs: readonly string[],
    private readonly weights: ConstantWeights,
  ) {
    for (const node of graph.node) this.byName.set(node.name, node);
    for (const node of graph.node) this.addReads(node);
    // Without a signature, tfjs-converter takes the nodes nothing reads as the outputs.
    const named = signatureOutputs.map((name) => name.replace(/:\d+$/, ''));
    this.outputs = new Set(named.length > 0 ? named : graph.node.filter((n) => !this.consumers.has(n.name)).map((n) => n.name));
  }

  node(input: string | undefined): GraphNode | undefined {
    if (input === undefined) return undefined;
    const name = producerOf(input);
    return name === null || this.removed.has(name) ? undefined : this.byName.get(name);
  }

  /** The one check of every fusion: the node's output is read by exactly one node and is not a model output. */
  feedsOnly(node: GraphNode, consumer: GraphNode): boolean {
    const readers = this.consumers.get(node.name) ?? [];
    return readers.length === 1 && readers[0] === consumer && !this.outputs.has(node.name);
  }

  isOutput(node: GraphNode): boolean {
    return this.outputs.has(node.name);
  }

  /** Whether `input` names a constant equal to `value` (a scalar, or a one-element tensor), float32. */
  isScalarConstant(input: string, value: number): boolean {
    const node = this.node(input);
    if (node === undefined || node.op !== 'Const') return false;
    const inAttr = node.attr?.value?.tensor?.floatVal;
    if (inAttr !== undefined && inAttr.length === 1) return inAttr[0] === value;
    return this.weights.scalar(node.name) === value;
  }

  /** Records the reads of `node`'s inputs. Control inputs and other outputs count too: such a node is never fused away. */
  private addReads(node: GraphNode): void {
    for (const input of node.input ?? []) {
      const producer = input.replace(/^\^/, '').replace(/:\d+$/, '');
      const list = this.consumers.get(producer) ?? [];
      list.push(node);
      this.consumers.set(producer, list);
    }
  }

  private dropReads(node: GraphNode): void {
    for (const input of node.input ?? []) {
      const producer = input.replace(/^\^/, '').replace(/:\d+$/, '');
      const list = this.consumers.get(producer) ?? [];
      const k = list.indexOf(node);
      if (k >= 0) list.splice(k, 1);
    }
  }

  /** Gives `node` new inputs, keeping who reads what up to date for the fusions that follow. */
  setInputs(node: GraphNode, inputs: string[]): void {
    this.dropReads(node);
    node.input = inputs;
    this.addReads(node);
  }

  /** Drops a node from the graph (the rewrite's result is built from what is left). */
  remove(node: GraphNode): void {
    this.dropReads(node);
    this.removed.add(node.name);
  }

  /** The nodes left, in their original order. */
  remaining(): GraphNode[] {
    return this.graph.node.filter((node) => !this.removed.has(node.name));
  }
}

/** Reads single float32 constants out of a model's weights (where tfjs-converter puts the graph's constants). */
export class ConstantWeights {
  private readonly offsets = new Map<string, { offset: number; spec: io.WeightsManifestEntry } | null>();

  constructor(
    specs: readonly io.WeightsManifestEntry[],
    private readonly data: ArrayBuffer | null,
  ) {
    let offset = 0;
    let known = true;
    for (const spec of specs) {
      const elements = spec.shape.reduce((product, extent) => product * extent, 1);
      const bytes = byteSize(spec, elements);
      // A string weight before another has a length only its bytes tell: past it, no offset is known.
      this.offsets.set(spec.name, known && bytes !== null ? { offset, spec } : null);
      if (bytes === null) known = false;
      else offset += bytes;
    }
  }

  /** The value of a one-element float32 weight, or null. */
  scalar(name: string): number | null {
    const entry = this.offsets.get(name);
    if (entry == null || this.data === null) return null;
    const { offset, spec } = entry;
    const elements = spec.shape.reduce((product, extent) => product * extent, 1);
    if (elements !== 1 || spec.dtype !== 'float32' || spec.quantization !== undefined) return null;
    if (offset + 4 > this.data.byteLength) return null;
    return new DataView(this.data, offset, 4).getFloat32(0, true);
  }
}

function byteSize(spec: io.WeightsManifestEntry, elements: number): number | null {
  const quantized = spec.quantization?.dtype;
  if (quantized !== undefined) return elements * (quantized === 'uint8' ? 1 : 2);
  switch (spec.dtype) {
    case 'float32':
    case 'int32':
      return elements * 4;
    case 'bool':
      return elements;
    default:
      return null;
  }
}
