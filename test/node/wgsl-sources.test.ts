// The WGSL files against the TypeScript that uses them: the tiling sizes come only from src/constants.ts (the
// overrides have no defaults), every bindings file binds the slots src/aliasing.ts says with the access it says, and
// no WGSL is written anywhere but in .wgsl files.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../common/page-server.js';
import { ALIASINGS, type Aliasing, PARAMS_BINDING } from '../../src/testing.js';
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

  it('the parameter block is the uniform at PARAMS_BINDING; the exact range reads none, only the bindings\' length', () => {
    expect(bindings(paramsBlock)).toEqual([[PARAMS_BINDING, 'uniform']]);
    expect(offsetsRange).toMatch(/params\./);
    expect(exactRange).not.toMatch(/params/);
    expect(exactRange).toMatch(/bound_chunks\(\)/);
  });

  for (const [name, { pass, slots, bindings: source }] of Object.entries(ALIASINGS) as Array<[Aliasing, (typeof ALIASINGS)[Aliasing]]>) {
    it(`bindings/${name}.wgsl binds the slots [${slots.join(', ')}], the written one read_write`, () => {
      const written = slots[slots.length - 1] as number;
      const expected = [...new Set(slots)].map((slot): [number, string] => [
        PARAMS_BINDING + 1 + slot,
        slot === written ? 'storage,read_write' : 'storage,read',
      ]);
      expect(bindings(source)).toEqual(expected);
      const accessors = pass === 'forward' ? ['load_x', 'load_out', 'store_out'] : ['load_x', 'load_dy', 'load_out', 'store_out'];
      for (const accessor of [...accessors, 'bound_chunks']) expect(source, accessor).toMatch(new RegExp(`fn ${accessor}\\(`));
      // bound_chunks() is the least arrayLength of every array the file binds.
      for (const name of source.matchAll(/var<storage, \w+> (\w+):/g)) expect(source).toMatch(new RegExp(`arrayLength\\(&${name[1]}\\)`));
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
