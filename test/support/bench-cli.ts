/** Node side: `npm run bench` as a user runs it, for the tests of the CLI in each runtime. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../../common/page-server.js';

export interface BenchJson {
  runtime: string;
  browser?: string;
  adapter: { vendor: string };
  results: Array<{ kernel: string; pass: string; medianMs: number; steps?: number }>;
}

/** How the npm scripts start a CLI: Node with tsx, and `?raw` imports read as Vite reads them (scripts/raw-import.mjs). */
export const CLI_NODE_ARGS = ['--import', 'tsx', '--import', './scripts/raw-import.mjs'];

/** Runs `npm run bench` (bench/cli.ts) with `args` and `--json`, and returns what it printed and wrote. */
export async function runBenchCli(args: string[]): Promise<{ stdout: string; json: BenchJson }> {
  const file = join(mkdtempSync(join(tmpdir(), 'webgpu-mish-bench-')), 'bench.json');
  const { stdout } = await promisify(execFile)(process.execPath, [...CLI_NODE_ARGS, 'bench/cli.ts', ...args, '--json', file], {
    cwd: repoRoot,
    maxBuffer: 16 * 2 ** 20,
  });
  return { stdout, json: JSON.parse(readFileSync(file, 'utf8')) as BenchJson };
}
