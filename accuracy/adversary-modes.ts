/**
 * The names of the accuracy sweep's adversarial modes and what each does (the rewriting itself is
 * accuracy/adversary.ts): here on their own so that the CLI, in Node, can read them without loading WGSL.
 */
export const ADVERSARY_MODES = ['div-2', 'div-1', 'div+1', 'div+2', 'exp-', 'exp+', 'fma'] as const;
export type AdversaryMode = (typeof ADVERSARY_MODES)[number];

export function isAdversaryMode(mode: string): mode is AdversaryMode {
  return (ADVERSARY_MODES as readonly string[]).includes(mode);
}

/** What each mode does, for reports. */
export const ADVERSARY_DESCRIPTIONS: Record<AdversaryMode, string> = {
  'div-2': 'every quotient 2 ulp down',
  'div-1': 'every quotient 1 ulp down',
  'div+1': 'every quotient 1 ulp up',
  'div+2': 'every quotient 2 ulp up',
  'exp-': 'exp at the low edge of 3 + 2|x| ulp',
  'exp+': 'exp at the high edge of 3 + 2|x| ulp',
  fma: 'every a·b + c of f32 values rounded once, as a fused multiply-add',
};
