/**
 * Serves the README's usage examples as modules, unchanged, with `webgpu-mish` resolved to the built
 * `dist/index.js`, `webgpu-mish/tfjs` to `dist/tfjs.js` and `webgpu-mish/typegpu` to `dist/typegpu.js`: code written as the README shows must work against the
 * published bundles. Each example is the first ```ts block after a `<!-- readme-example:NAME ... -->` comment. The
 * graph example loads `model/model.json` beside the page: a converted model with Mish as Softplus, Tanh and Mul
 * (test/support/models.ts), served here as tensorflowjs_converter writes one.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Plugin, transformWithOxc } from 'vite';
import { repoRoot } from '../../common/page-server.js';
import { convMishModelFiles } from '../support/models.js';

/** Where the graph example's model is served (its `model/model.json`, relative to test/browser/readme.html). */
const README_MODEL_DIRECTORY = '/test/browser/model/';

/** The examples the README marks, by name. */
const README_EXAMPLES = ['core', 'tfjs', 'graph', 'typegpu'] as const;
export type ReadmeExample = (typeof README_EXAMPLES)[number];

const ID_PREFIX = 'virtual:readme-example-';

/** The first ```ts block after the marker comment of `name` in README.md. */
function readmeExample(name: ReadmeExample): string {
  const readme = readFileSync(resolve(repoRoot, 'README.md'), 'utf8');
  const marker = `<!-- readme-example:${name}`;
  const start = readme.indexOf(marker);
  const match = start < 0 ? null : /```ts\n([\s\S]*?)```/.exec(readme.slice(start));
  if (match?.[1] === undefined) throw new Error(`README.md has no \`\`\`ts block after "${marker}"`);
  return match[1];
}

export function readmeExamplePlugin(): Plugin {
  return {
    name: 'webgpu-mish-readme-example',
    resolveId(id) {
      if (id.startsWith(ID_PREFIX)) return `\0${id}`;
      if (id === 'webgpu-mish') return resolve(repoRoot, 'dist/index.js');
      if (id === 'webgpu-mish/tfjs') return resolve(repoRoot, 'dist/tfjs.js');
      if (id === 'webgpu-mish/typegpu') return resolve(repoRoot, 'dist/typegpu.js');
      return null;
    },
    configureServer(server) {
      const files = convMishModelFiles('softplus');
      server.middlewares.use((request, response, next) => {
        const url = request.url?.split('?')[0];
        if (url === `${README_MODEL_DIRECTORY}model.json`) {
          response.setHeader('Content-Type', 'application/json');
          response.end(files.modelJson);
        } else if (url === `${README_MODEL_DIRECTORY}group1-shard1of1.bin`) {
          response.setHeader('Content-Type', 'application/octet-stream');
          response.end(files.weights);
        } else {
          next();
        }
      });
    },
    async load(id) {
      if (!id.startsWith(`\0${ID_PREFIX}`)) return null;
      const name = id.slice(ID_PREFIX.length + 1).replace(/\.ts$/, '') as ReadmeExample;
      // Virtual modules skip Vite's TypeScript transform; strip the types here.
      const { code } = await transformWithOxc(readmeExample(name), `readme-example-${name}.ts`, { lang: 'ts' });
      return code;
    },
  };
}
