// The published entries, read from the built dist/ (npm test builds before it runs vitest): `webgpu-mish` must not
// import TF.js or TypeGPU at all, directly or through a shared chunk (it imports no package); `webgpu-mish/typegpu`
// imports only TypeGPU; `webgpu-mish/tfjs` imports TF.js only by the peer
// packages' bare names, never the `@tensorflow/tfjs` umbrella; both are in the exports map with their types.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../common/page-server.js';

const PEERS = ['@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-webgpu', '@tensorflow/tfjs-layers', '@tensorflow/tfjs-converter'];

/**
 * Every module specifier a built ES module imports (static and dynamic, and re-exports), in its code: comments are
 * left out, as doc examples show imports of their own.
 */
function specifiers(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found: string[] = [];
  const pattern = /\b(?:import|export)\s*(?:[^'"`;]*?\bfrom\s*)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const match of code.matchAll(pattern)) found.push((match[1] ?? match[2]) as string);
  return found;
}

/** The bare (package) imports of `entry` and of every chunk it reaches by relative imports. */
function packageImports(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of specifiers(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier));
      else packages.add(specifier);
    }
  };
  visit(resolve(repoRoot, entry));
  return packages;
}

describe('package entries (dist/)', () => {
  const pkg = JSON.parse(readFileSync(resolve(repoRoot, 'package.json'), 'utf8')) as {
    exports: Record<string, { types: string; default: string } | string>;
    peerDependencies: Record<string, string>;
    peerDependenciesMeta: Record<string, { optional?: boolean }>;
  };

  it("exports '.', './tfjs' and './typegpu' with their declarations, all built", () => {
    for (const subpath of ['.', './tfjs', './typegpu']) {
      const target = pkg.exports[subpath];
      expect(typeof target, subpath).toBe('object');
      const { types, default: code } = target as { types: string; default: string };
      expect(existsSync(resolve(repoRoot, types)), types).toBe(true);
      expect(existsSync(resolve(repoRoot, code)), code).toBe(true);
    }
    expect(pkg.exports['./tfjs']).toEqual({ types: './dist/tfjs.d.ts', default: './dist/tfjs.js' });
    expect(pkg.exports['./typegpu']).toEqual({ types: './dist/typegpu.d.ts', default: './dist/typegpu.js' });
    // 'default', not 'import': require() loads the ES modules too, on Node >= 20.19 (test/package checks it).
    expect(pkg.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
  });

  it('webgpu-mish (dist/index.js and its chunks) imports no package at all, so no TF.js', () => {
    expect([...packageImports('dist/index.js')]).toEqual([]);
    const code = readFileSync(resolve(repoRoot, 'dist/index.js'), 'utf8');
    expect(code).not.toMatch(/@tensorflow/);
  });

  it('webgpu-mish/tfjs imports TF.js by the peer packages’ names only, all optional peers', () => {
    const imports = [...packageImports('dist/tfjs.js')];
    expect(imports.length).toBeGreaterThan(0);
    for (const name of imports) expect(PEERS, `dist/tfjs.js imports ${name}`).toContain(name);
    for (const peer of PEERS) {
      expect(pkg.peerDependencies[peer], peer).toMatch(/^\^4\.22/);
      expect(pkg.peerDependenciesMeta[peer]?.optional, peer).toBe(true);
    }
  });

  it('webgpu-mish/typegpu imports TypeGPU by its own names only, an optional peer of 0.12', () => {
    expect([...packageImports('dist/typegpu.js')].sort()).toEqual(['typegpu', 'typegpu/data']);
    expect(pkg.peerDependencies.typegpu).toBe('^0.12.0');
    expect(pkg.peerDependenciesMeta.typegpu?.optional).toBe(true);
  });

  it('the specifier scan finds what it should (a self-check on a known module)', () => {
    const sample = `import { a } from "./chunk.js";\nimport * as tf from '@tensorflow/tfjs-core';\nexport { b } from './other.js';\nconst m = import('lazy-pkg');`;
    expect(specifiers(sample)).toEqual(['./chunk.js', '@tensorflow/tfjs-core', './other.js', 'lazy-pkg']);
  });
});
