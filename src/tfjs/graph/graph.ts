/**
 * A TensorFlow.js graph model's topology as tfjs-converter writes it (a GraphDef in JSON), indexed for rewriting:
 * nodes by name, each tensor's consumers, the model's inputs and outputs, and the weights of its constants. The checks
 * every fusion needs are here, written once: a node whose output has one consumer and is not a model output, two
 * inputs that name the same tensor, a constant that is the scalar 1; and what every rewrite ends with: no node left
 * that nothing reads, unless it is one of the model's inputs or outputs.
 */
import type { ModelWeights } from './weights.js';

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

/** One node of a graph model's topology (a NodeDef in JSON, as tfjs-converter writes it): name, op, inputs, attributes. */
export interface GraphNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, AttrValue>;
  device?: string;
  [key: string]: unknown;
}

/** A graph model's topology (`modelTopology` of its artifacts): its nodes, and whatever else tfjs-converter wrote. */
export interface GraphDef {
  node: GraphNode[];
  [key: string]: unknown;
}

/** The node a tensor name belongs to, for its first output ('conv', 'conv:0'); null for other outputs or control inputs. */
function producerOf(input: string): string | null {
  if (input.startsWith('^')) return null;
  const colon = input.lastIndexOf(':');
  if (colon < 0) return input;
  return input.slice(colon + 1) === '0' ? input.slice(0, colon) : null;
}

/** The node an input string reads from, whichever output, control inputs included ('^c', 'c:1' → 'c'). */
function nodeRead(input: string): string {
  return input.replace(/^\^/, '').replace(/:\d+$/, '');
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

/** The names a model's signature gives its inputs and outputs (empty where it has none). */
export interface SignatureNames {
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
}

/**
 * The model's graph, indexed. Nodes are the ones of `graph` (the caller's copy): rewrites change them in place.
 * The model's inputs and outputs are TF.js's (tfjs-converter's OperationMapper.transformGraph): the signature's where
 * it names them; without, the inputs are the Placeholder nodes and the outputs every node that nothing reads.
 */
export class IndexedGraph {
  readonly byName = new Map<string, GraphNode>();
  /** For each node name, the nodes reading any output of it, control inputs included (a node reading it twice counts twice). */
  private readonly consumers = new Map<string, GraphNode[]>();
  private readonly outputs: Set<string>;
  private readonly inputs: Set<string>;
  private readonly removed = new Set<string>();

  constructor(
    readonly graph: GraphDef,
    signature: SignatureNames,
    private readonly weights: ModelWeights,
  ) {
    for (const node of graph.node) this.byName.set(node.name, node);
    for (const node of graph.node) this.addReads(node);
    const named = (names: readonly string[]) => names.map((name) => name.replace(/:\d+$/, ''));
    this.outputs = new Set(signature.outputs.length > 0 ? named(signature.outputs) : graph.node.filter((n) => !this.isRead(n)).map((n) => n.name));
    this.inputs = new Set(signature.inputs.length > 0 ? named(signature.inputs) : graph.node.filter((n) => n.op.startsWith('Placeholder')).map((n) => n.name));
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

  /** Whether two input strings name the same tensor ('x' and 'x:0' do; control inputs name none). */
  sameTensor(a: string, b: string): boolean {
    const strip = (name: string): string => (name.endsWith(':0') ? name.slice(0, -2) : name);
    return !a.startsWith('^') && !b.startsWith('^') && strip(a) === strip(b);
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

  private isRead(node: GraphNode): boolean {
    return (this.consumers.get(node.name)?.length ?? 0) > 0;
  }

  /** Records the reads of `node`'s inputs. Control inputs and other outputs count too: such a node is never fused away. */
  private addReads(node: GraphNode): void {
    for (const input of node.input ?? []) {
      const producer = nodeRead(input);
      const list = this.consumers.get(producer) ?? [];
      list.push(node);
      this.consumers.set(producer, list);
    }
  }

  private dropReads(node: GraphNode): void {
    for (const input of node.input ?? []) {
      const list = this.consumers.get(nodeRead(input)) ?? [];
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

  /**
   * Removes every node that nothing reads and that is neither an input nor an output of the model, and then the
   * nodes only they read, and so on: what a fusion leaves behind (the constant 1 of Log(Exp(x) + 1), say), which a
   * model without a signature would otherwise count among its outputs. Returns the nodes removed.
   */
  removeUnread(): GraphNode[] {
    const removed: GraphNode[] = [];
    const unread = (node: GraphNode): boolean =>
      !this.removed.has(node.name) && !this.isRead(node) && !this.outputs.has(node.name) && !this.inputs.has(node.name);
    const pending = this.graph.node.filter(unread);
    for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
      if (!unread(node)) continue;
      this.remove(node);
      removed.push(node);
      for (const input of node.input ?? []) {
        const producer = this.byName.get(nodeRead(input));
        if (producer !== undefined && unread(producer)) pending.push(producer);
      }
    }
    return removed;
  }

  /** The nodes left, in their original order. */
  remaining(): GraphNode[] {
    return this.graph.node.filter((node) => !this.removed.has(node.name));
  }
}
