// The exported WGSL snippet fused into a shader of one's own, exactly as the README's fusion example writes it (its
// WGSL is read from README.md), on the real adapter, against dist/index.js.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { repoRoot } from '../../common/page-server.js';
import { useHarness } from './page.js';

/** The WGSL the README's fusion example appends to mishWgsl: the template literal after `mishWgsl + `. */
function readmeShader(): string {
  const readme = readFileSync(resolve(repoRoot, 'README.md'), 'utf8');
  const start = readme.indexOf('<!-- readme-example:fusion');
  const match = start < 0 ? null : /mishWgsl \+ `([\s\S]*?)`;/.exec(readme.slice(start));
  if (match?.[1] === undefined) throw new Error('README.md has no fusion example (mishWgsl + `…`) after its marker');
  return match[1];
}

describe.skipIf(inject('browser').adapter === null)('mishWgsl in a shader of your own', () => {
  const harness = useHarness('dist');

  it('compiles and computes mish in place, as the README example does', async () => {
    const result = await harness().page.evaluate((shader) => window.harness!.runSnippet(shader), readmeShader());
    expect(result.gpuErrors).toEqual([]);
    expect(result.failures, result.report).toBe(0);
    expect(result.checked).toBe(1000);
  });
});
