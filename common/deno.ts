/**
 * Node side: runs a TypeScript entry in Deno (WebGPU through wgpu, on whatever adapter Deno finds: llvmpipe without a
 * GPU), for the `--runtime deno` of `npm run bench` and `npm run accuracy`. The entry is built into one file with Vite
 * first (the code imports WGSL with ?raw, which Deno does not read) and run by the `deno` binary of the npm package,
 * with `input` as JSON in its first argument. The entry prints progress on stderr as lines `progress <json>` and its
 * result as the last line of stdout, in JSON.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { build } from 'vite';
import { PROGRESS } from './deno-progress.js';
import { repoRoot } from './page-server.js';

export const DENO_BINARY = resolve(repoRoot, 'node_modules/.bin/deno');

/** Builds `entry` (a path under the repository) for Deno into a temporary folder; returns the built file. */
async function buildForDeno(entry: string): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'webgpu-mish-deno-'));
  const name = basename(entry).replace(/\.ts$/, '');
  await build({
    configFile: false,
    root: repoRoot,
    logLevel: 'warn',
    // Workers (the accuracy sweep's) are loaded relative to the built file, not from a server's root.
    base: './',
    build: {
      lib: { entry: resolve(repoRoot, entry), formats: ['es'], fileName: name },
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      minify: false,
    },
  });
  return join(outDir, `${name}.js`);
}

export async function runInDeno<Result, Progress>(entry: string, input: unknown, onProgress?: (progress: Progress) => void): Promise<Result> {
  const built = await buildForDeno(entry);
  const child = spawn(DENO_BINARY, ['run', '--allow-read', '--allow-env', built, JSON.stringify(input)], {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith(PROGRESS)) onProgress?.(JSON.parse(line.slice(PROGRESS.length)) as Progress);
      // Deno warns that XDG_RUNTIME_DIR is unset on machines without a desktop session: harmless here.
      else if (line.trim() !== '' && !line.includes('XDG_RUNTIME_DIR')) console.error(`deno: ${line}`);
    }
  });
  const code = await new Promise<number | null>((done) => child.on('close', done));
  if (code !== 0) throw new Error(`deno exited with code ${code} running ${entry}`);
  return JSON.parse(stdout.trim().split('\n').pop() ?? 'null') as Result;
}
