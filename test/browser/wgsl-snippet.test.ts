// The exported WGSL snippet fused into a shader of one's own, exactly as the README's fusion example writes it (its
// WGSL is read from README.md), on the real adapter, against dist/index.js.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { repoRoot } from '../../common/page-server.js';
import { openHarness, useHarness } from './page.js';

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

  // The README's rule: a shader's directives go before mishWgsl (WGSL wants them before every declaration);
  // test/harness/shaders/snippet-directive.wgsl is one.
  it('takes directives placed before it, as the README says', async () => {
    const result = await harness().page.evaluate((shader) => window.harness!.runSnippet(shader, true), readmeShader());
    expect(result.gpuErrors).toEqual([]);
    expect(result.failures, result.report).toBe(0);
  });

  it('does not compile with a directive after it (the rule is real), and mishWgsl itself has no directive', async () => {
    // A page of its own: Firefox logs the failed compile as a console error, which the shared page must not have.
    const own = await openHarness('dist');
    try {
      const errors = await own.page.evaluate(() => window.harness!.compileDirectiveOrder());
      expect(errors.before).toEqual([]);
      expect(errors.after.length).toBeGreaterThan(0);
      // Only the compile that was meant to fail is logged (Firefox says so in a line or two; Chrome does not log it).
      for (const logged of own.errors) expect(logged).toMatch(/directive|Encountered one or more errors while creating a shader module|test compile/);
    } finally {
      await own.close();
    }
  });
});
