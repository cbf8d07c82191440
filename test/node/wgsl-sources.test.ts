// The WGSL files against the TypeScript that uses them: the tiling sizes come only from src/constants.ts (the
// overrides have no defaults), the parameters sit at the bindings src/constants.ts names, the bindings put together
// for every aliasing bind the slots src/aliasing.ts says with the access it says, and no WGSL is written anywhere
// but in .wgsl files.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../common/page-server.js';
import { aliasingEntry, aliasingOf, bindingsSource, PARAM_BINDINGS, STORAGE_SLOTS } from '../../src/testing.js';
import entryPoint from '../../shaders/elementwise/main.wgsl?raw';
import paramsBlock from '../../shaders/elementwise/params.wgsl?raw';
import exactRange from '../../shaders/elementwise/ranges/exact.wgsl?raw';
import offsetsRange from '../../shaders/elementwise/ranges/offsets.wgsl?raw';

/** Every `@group(0) @binding(n) var<…> name` of a source, as [n, address space and access]. */
function bindings(source: string): Array<[number, string]> {
  return [...source.matchAll(/@group\(0\)\s*@binding\((\d+)\)\s*var<([^>]+)>/g)].map((m) => [Number(m[1]), (m[2] as string).replace(/\s/g, '')]);
}

function filesUnder(folder: string, ending: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, ending));
    else if (name.endsWith(ending)) out.push(path);
  }
  return out;
}

describe('WGSL sources', () => {
  it('the entry point takes WORKGROUP_SIZE and CHUNKS_PER_INVOCATION from the pipeline, with no default of its own', () => {
    expect(entryPoint).toMatch(/override WORKGROUP_SIZE: u32;/);
    expect(entryPoint).toMatch(/override CHUNKS_PER_INVOCATION: u32;/);
    expect(entryPoint).not.toMatch(/override \w+\s*:\s*\w+\s*=/);
    expect(bindings(entryPoint)).toEqual([]);
  });

  it("the parameters are uniforms at PARAM_BINDINGS; the exact range reads none, only the bindings' length", () => {
    expect(bindings(paramsBlock)).toEqual([
      [PARAM_BINDINGS.x, 'uniform'],
      [PARAM_BINDINGS.dy, 'uniform'],
      [PARAM_BINDINGS.out, 'uniform'],
      [PARAM_BINDINGS.tail, 'uniform'],
    ]);
    expect(Math.min(...Object.values(PARAM_BINDINGS))).toBe(STORAGE_SLOTS);
    expect(offsetsRange).toMatch(/x_offset/);
    expect(exactRange).not.toMatch(/_offset|range_length/);
    expect(exactRange).toMatch(/bound_chunks\(\)/);
  });

  // Every aliasing a call can have (src/plan.ts): forward y in x's slot, or in a slot of its own with x read-only
  // (another buffer) or read_write (x far from y in y's buffer); backward each way dy and dx can share slots.
  const aliasings = [
    aliasingOf([0, 1], [false, true]),
    aliasingOf([0, 0], [true]),
    aliasingOf([0, 1], [true, true]),
    aliasingOf([0, 1, 2], [false, false, true]),
    aliasingOf([0, 1, 2], [true, false, true]),
    aliasingOf([0, 1, 2], [false, true, true]),
    aliasingOf([0, 1, 2], [true, true, true]),
    aliasingOf([0, 1, 1], [false, true]),
    aliasingOf([0, 1, 1], [true, true]),
    aliasingOf([0, 1, 0], [true, false]),
    aliasingOf([0, 1, 0], [true, true]),
    aliasingOf([0, 0, 1], [true, true]),
    aliasingOf([0, 0, 0], [true]),
  ];
  for (const aliasing of aliasings) {
    const { pass, slots, written } = aliasingEntry(aliasing);
    it(`bindings of ${aliasing}: slots [${slots.join(', ')}] bound ${written.map((w) => (w ? 'read_write' : 'read')).join(', ')}`, () => {
      const source = bindingsSource(aliasing);
      expect(bindings(source)).toEqual(written.map((w, slot): [number, string] => [slot, w ? 'storage,read_write' : 'storage,read']));
      const accessors = pass === 'forward' ? ['load_x', 'load_out', 'store_out'] : ['load_x', 'load_dy', 'load_out', 'store_out'];
      for (const accessor of [...accessors, 'out_items', 'bound_chunks']) expect(source, accessor).toMatch(new RegExp(`fn ${accessor}\\(`));
      expect(source).toMatch(new RegExp(`fn load_x[^}]*slot_${slots[0]}\\[`));
      if (pass === 'backward') expect(source).toMatch(new RegExp(`fn load_dy[^}]*slot_${slots[1]}\\[`));
      expect(source).toMatch(new RegExp(`fn store_out[^}]*slot_${slots[slots.length - 1]}\\[`));
      // bound_chunks() is the least arrayLength of every slot.
      const bound = source.slice(source.indexOf('fn bound_chunks'));
      for (let slot = 0; slot < written.length; slot++) expect(bound).toMatch(new RegExp(`arrayLength\\(&slot_${slot}\\)`));
    });
  }

  it('no TypeScript code writes WGSL (bindings, entry points, stage attributes): it all lives in .wgsl files', () => {
    const offenders: string[] = [];
    for (const folder of ['src', 'common', 'bench', 'accuracy', 'fuzz', 'demo', 'test']) {
      for (const file of filesUnder(join(repoRoot, folder), '.ts')) {
        if (file.endsWith('wgsl-sources.test.ts')) continue;
        // Comments included: a doc example imports its WGSL from a file too.
        const text = readFileSync(file, 'utf8');
        if (/@binding\(|@compute|@workgroup_size|var<storage/.test(text)) offenders.push(relative(repoRoot, file));
      }
    }
    expect(offenders).toEqual([]);
  });
});
