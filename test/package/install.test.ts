// The package as a user installs it: `npm pack`, the tarball installed into a fresh project (test/package/fixture,
// copied to a temporary folder), and that project's code, which imports 'webgpu-mish' by name: type-checked with
// TypeScript's `bundler` and `node16` resolution (its TF.js code too, against the webgpu-mish/tfjs declarations),
// built with Vite and run in Chrome and Firefox, run in Node (Dawn)
// and in Deno (wgpu) from the project's node_modules. The tools (TypeScript, Vite, the webgpu package, the types of
// WebGPU and Node) are the repository's own, linked in: the install needs no network.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build, preview } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_LABELS, BROWSERS, launchBrowser } from '../../common/browsers.js';
import { DENO_BINARY } from '../../common/deno.js';
import { openPage } from '../../common/page.js';
import { repoRoot } from '../../common/page-server.js';

const run = promisify(execFile);

/** What the fixture's consumer.ts returns (the fixture is the user's code: the repository's typecheck leaves it out). */
interface ConsumerResult {
  forward: number[];
  expected: number[];
  backwardFinite: boolean;
}
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
/** The TF.js packages the fixture's tfjs-consumer.ts imports beside webgpu-mish/tfjs. */
const TFJS_PEERS = ['@tensorflow/tfjs-core', '@tensorflow/tfjs-converter', '@tensorflow/tfjs-layers', '@tensorflow/tfjs-backend-webgpu'];

let project: string;
let tarball: string;

/** The user's result: mish of [-2, -1, 0, 1] within 4 ulp of the reference (a few 1e-7), and a finite backward. */
function expectRight(result: ConsumerResult): void {
  result.forward.forEach((value, i) => {
    expect(value).toBeCloseTo(result.expected[i] as number, 6);
  });
  expect(result.backwardFinite).toBe(true);
}

beforeAll(async () => {
  const packed = mkdtempSync(join(tmpdir(), 'webgpu-mish-pack-'));
  const { stdout } = await run('npm', ['pack', '--pack-destination', packed, '--json'], { cwd: repoRoot });
  tarball = join(packed, (JSON.parse(stdout) as Array<{ filename: string }>)[0]?.filename as string);
  project = mkdtempSync(join(tmpdir(), 'webgpu-mish-consumer-'));
  cpSync(resolve(repoRoot, 'test/package/fixture'), project, { recursive: true });
  const linked = ['webgpu', '@webgpu/types', '@types/node', 'typegpu', ...TFJS_PEERS].map((name) => resolve(repoRoot, 'node_modules', name));
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--no-save', tarball, ...linked], { cwd: project });
}, 120_000);

describe('the package as a user installs it (npm pack, then npm install of the tarball)', () => {
  it('ships dist, the docs and shaders the README links to, README, CHANGELOG, LICENSE and package.json, and nothing else', async () => {
    const { stdout } = await run('tar', ['-tzf', tarball]);
    const files = stdout.trim().split('\n');
    expect(files).toEqual(
      expect.arrayContaining([
        'package/package.json',
        'package/README.md',
        'package/LICENSE',
        'package/dist/index.js',
        'package/dist/tfjs.js',
        'package/dist/index.d.ts',
        'package/dist/tfjs.d.ts',
        'package/dist/typegpu.js',
        'package/dist/typegpu.d.ts',
      ]),
    );
    const shipped = (f: string) =>
      /^package\/(dist\/|docs\/[\w-]+\.md$|shaders\/.+\.wgsl$)/.test(f) ||
      ['package/package.json', 'package/README.md', 'package/LICENSE', 'package/CHANGELOG.md'].includes(f);
    expect(files.filter((f) => !shipped(f))).toEqual([]);
    expect(readFileSync(join(project, 'node_modules/webgpu-mish/LICENSE'), 'utf8')).toMatch(/^MIT License/);
  });

  it("the README's relative links all lead to files in the package", () => {
    const installed = join(project, 'node_modules/webgpu-mish');
    const readme = readFileSync(join(installed, 'README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\(([^)#:\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1] as string);
    expect(links.length).toBeGreaterThan(3);
    expect(links.filter((link) => !existsSync(join(installed, link)))).toEqual([]);
  });

  it('ships no declaration that its entries do not reach (nothing half-shipped in dist/)', () => {
    const dist = join(project, 'node_modules/webgpu-mish/dist');
    const reached = new Set<string>();
    const visit = (file: string): void => {
      if (reached.has(file)) return;
      reached.add(file);
      for (const [, specifier] of readFileSync(join(dist, file), 'utf8').matchAll(/(?:from\s+|import\()['"](\.{1,2}\/[^'"]+)\.js['"]/g)) {
        visit(posix.normalize(posix.join(posix.dirname(file), `${specifier}.d.ts`)));
      }
    };
    visit('index.d.ts');
    visit('tfjs.d.ts');
    visit('typegpu.d.ts');
    const declarations = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.d.ts'));
    expect(declarations.length).toBeGreaterThan(2);
    expect(declarations.filter((f) => !reached.has(f))).toEqual([]);
  });

  it("require() loads both entries on Node >= 20.19 (ES modules, through the exports' default condition)", async () => {
    const { stdout } = await run(process.execPath, ['node-require.cjs'], { cwd: project });
    expect(JSON.parse(stdout)).toEqual({ mishForward: 'function', mish: 0.8650983882673103, tfjsMish: 'function' });
  });

  // consumer.ts (the WebGPU entry) and tfjs-consumer.ts (webgpu-mish/tfjs with TF.js, whose own declarations need
  // skipLibCheck: tsconfig.tfjs-bundler.json, and node16's).
  for (const [config, label] of [
    ['tsconfig.bundler.json', 'bundler resolution'],
    ['tsconfig.tfjs-bundler.json', 'bundler resolution (its TF.js code)'],
    ['tsconfig.typegpu-bundler.json', 'bundler resolution (its TypeGPU code)'],
    ['tsconfig.node16.json', 'node16 resolution (all of it)'],
  ] as const) {
    it(`type-checks a consumer with ${label}`, async () => {
      await run(process.execPath, [resolve(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', config, '--noEmit'], { cwd: project });
    });
  }

  it('builds with Vite and runs in Chrome and Firefox', async () => {
    await build({ configFile: false, root: project, logLevel: 'warn', build: { outDir: 'site', target: 'es2022' } });
    expect(readdirSync(join(project, 'site/assets')).some((f) => f.endsWith('.js'))).toBe(true);
    const server = await preview({ configFile: false, root: project, logLevel: 'warn', build: { outDir: 'site' }, preview: { host: '127.0.0.1', port: 0 } });
    const url = server.resolvedUrls?.local[0] as string;
    try {
      for (const name of BROWSERS) {
        const browser = await launchBrowser(name);
        try {
          const { page, errors, close } = await openPage(browser, url, { ready: 'consumerResult', failed: 'consumerError' });
          const result = await page.evaluate(() => (window as unknown as { consumerResult: ConsumerResult }).consumerResult);
          await close();
          console.log(`consumer in ${BROWSER_LABELS[name]}: mish(-2, -1, 0, 1) = ${result.forward.join(', ')}`);
          expect(errors, BROWSER_LABELS[name]).toEqual([]);
          expectRight(result);
        } finally {
          await browser.close();
        }
      }
    } finally {
      await new Promise<void>((done) => server.httpServer.close(() => done()));
    }
  }, 180_000);

  it("imports in Node (Dawn) from the project's node_modules", async () => {
    await run(process.execPath, [resolve(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.node16.json'], { cwd: project });
    const env = { ...process.env };
    if (env.VK_ICD_FILENAMES === undefined && existsSync(SWIFTSHADER_ICD)) env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
    const { stdout } = await run(process.execPath, ['out/node-main.js'], { cwd: project, env });
    expectRight(JSON.parse(stdout) as ConsumerResult);
  });

  it("imports in Deno (wgpu) from the project's node_modules", async () => {
    const { stdout } = await run(DENO_BINARY, ['run', '--allow-read', '--allow-env', 'deno-main.ts'], {
      cwd: project,
      env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' },
    });
    expectRight(JSON.parse(stdout.trim().split('\n').pop() as string) as ConsumerResult);
  });
});
