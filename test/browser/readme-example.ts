/**
 * Serves the README's usage example as a module, unchanged, with `webgpu-mish` resolved to the built
 * `dist/index.js`: code written as the README shows must work against the published bundle.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Plugin, transformWithOxc } from 'vite';
import { repoRoot } from '../../tools/chrome.js';

export const README_EXAMPLE_ID = 'virtual:readme-example.ts';
const MARKER = '<!-- readme-example:';

/** The first ```ts block after the marker comment in README.md. */
export function readmeExample(): string {
  const readme = readFileSync(resolve(repoRoot, 'README.md'), 'utf8');
  const start = readme.indexOf(MARKER);
  const match = start < 0 ? null : /```ts\n([\s\S]*?)```/.exec(readme.slice(start));
  if (match?.[1] === undefined) throw new Error(`README.md has no \`\`\`ts block after "${MARKER}"`);
  return match[1];
}

export function readmeExamplePlugin(): Plugin {
  return {
    name: 'webgpu-mish-readme-example',
    resolveId(id) {
      if (id === README_EXAMPLE_ID) return `\0${README_EXAMPLE_ID}`;
      if (id === 'webgpu-mish') return resolve(repoRoot, 'dist/index.js');
      return null;
    },
    async load(id) {
      if (id !== `\0${README_EXAMPLE_ID}`) return null;
      // Virtual modules skip Vite's TypeScript transform; strip the types here.
      const { code } = await transformWithOxc(readmeExample(), 'readme-example.ts', { lang: 'ts' });
      return code;
    },
  };
}
