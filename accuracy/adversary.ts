/**
 * The adversarial modes of `npm run accuracy` (issue: the bound on every conformant adapter). Each mode is a copy of
 * the shipped Mish kernel's WGSL with what WGSL allows an adapter done to it, so that the sweep measures the shipped
 * code under that adversary:
 *   - div−2, div−1, div+1, div+2: every division's correctly rounded quotient moved by that many ulps (WGSL allows
 *     2.5). Every path of each kernel uses one division (the forward kernel's two quotients are on separate paths,
 *     one chosen by a select), so these four cover every combination of directions;
 *   - exp−, exp+: the vendor `exp` (the backward kernel's) moved by its whole allowance, 3 + 2|x| ulp, down or up.
 *     Moving the adapter's own exp, itself a little off, puts it at the edge or beyond: stricter than WGSL;
 *   - fma: every a·b + c (and c + a·b, a·b − c, c − a·b) of f32 values rounded once, as a compiler may contract it;
 *     where both terms of a sum are products, the left one is fused. WGSL's own fma() would not do: SwiftShader and
 *     llvmpipe compute it unfused, so adversary_fma forms it exactly in integers.
 * Subnormal flushing needs no mode of its own: the two engines the sweep runs on differ there (SwiftShader flushes,
 * llvmpipe does not), and both are swept.
 */
import { ACTIVATIONS, type KernelSpec } from '../src/testing.js';
import helpersSource from './shaders/adversary.wgsl?raw';
import type { AdversaryMode } from './adversary-modes.js';
import { type Expr, type Rule, rewriteFunctions, type ScalarType, typeOf } from './wgsl-rewrite.js';

const isF32 = (e: Expr, names: ReadonlyMap<string, ScalarType>): boolean => typeOf(e, names) === 'f32';
const unwrap = (e: Expr): Expr => (e.kind === 'paren' ? unwrap(e.inner) : e);
const isProduct = (e: Expr): e is Expr & { kind: 'binary' } => {
  const inner = unwrap(e);
  return inner.kind === 'binary' && inner.op === '*';
};
const negate = (e: Expr): Expr => ({ kind: 'unary', op: '-', operand: { kind: 'paren', inner: e } });

/** Each f32 division through adversary_div. */
const nudgeDivisions: Rule = (e, names) =>
  e.kind === 'binary' && e.op === '/' && isF32(e, names) ? { kind: 'call', callee: 'adversary_div', args: [e.left, e.right] } : e;

/** Each call of exp through adversary_exp. */
const nudgeExp: Rule = (e) => (e.kind === 'call' && e.callee === 'exp' ? { kind: 'call', callee: 'adversary_exp', args: e.args } : e);

/**
 * a·b + c, c + a·b, a·b − c and c − a·b of f32 values through adversary_fma, which rounds once (the left product
 * where both terms are products). Not WGSL's fma(): the adapters we sweep on compute it unfused.
 */
const fuse: Rule = (e, names) => {
  if (e.kind !== 'binary' || (e.op !== '+' && e.op !== '-') || !isF32(e, names)) return e;
  const fma = (product: Expr, addend: Expr, negateProduct: boolean): Expr => {
    const p = unwrap(product) as Expr & { kind: 'binary' };
    return { kind: 'call', callee: 'adversary_fma', args: [negateProduct ? negate(p.left) : p.left, p.right, addend] };
  };
  if (isProduct(e.left)) return fma(e.left, e.op === '+' ? e.right : negate(e.right), false);
  if (isProduct(e.right)) return fma(e.right, e.left, e.op === '-');
  return e;
};

/** The WGSL of the mode's kernel: the shipped kernel's source rewritten, after the adversary's helpers. */
export function rewrittenSource(mode: AdversaryMode, source: string): string {
  const divUlps = mode.startsWith('div') ? Number(mode.slice(3)) : 0;
  const expDirection = mode === 'exp-' ? -1 : mode === 'exp+' ? 1 : 0;
  const rule: Rule = mode === 'fma' ? fuse : mode.startsWith('exp') ? nudgeExp : nudgeDivisions;
  const constants = `const ADVERSARY_DIV_ULPS: i32 = ${divUlps};\nconst ADVERSARY_EXP_DIRECTION: i32 = ${expDirection};\n`;
  return `${constants}${helpersSource}\n${rewriteFunctions(source, rule)}`;
}

/** The Mish kernel of `mode`: the shipped element-wise Mish, rewritten. */
export function adversaryKernel(mode: AdversaryMode): KernelSpec {
  const { kernel } = ACTIVATIONS.mish;
  return { name: `${kernel.name}-${mode}`, source: rewrittenSource(mode, kernel.source) };
}
