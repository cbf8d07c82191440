// Every CLI as a user meets it: `--help` prints every flag with its default on stdout and exits 0, in lines that fit
// 120 columns; an unknown flag exits 2 and says which. (What the tools compute is tested where they run: the browser
// suites run the bench and the accuracy sweep.)
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../common/page-server.js';
import { CLI_NODE_ARGS } from '../support/bench-cli.js';

const run = promisify(execFile);

const CLIS = {
  bench: {
    file: 'bench/cli.ts',
    flags: [
      '--sizes',
      '--reps',
      '--quick',
      '--no-tfjs',
      '--no-ort',
      '--train',
      '--tiling',
      '--model',
      '--size',
      '--runtime',
      '--browser',
      '--json',
      '--wide',
      '--strict',
    ],
  },
  'bench:compare': { file: 'bench/compare.ts', flags: [] },
  accuracy: { file: 'accuracy/cli.ts', flags: ['--stride', '--browser', '--runtime', '--no-ort', '--adversary', '--json', '--wide'] },
  fuzz: { file: 'fuzz/cli.ts', flags: ['--calls', '--graphs', '--seed', '--runs', '--runtime', '--browser', '--path'] },
  experiment: { file: 'demo/experiment-cli.ts', flags: ['--depths', '--width', '--samples', '--epochs', '--csv', '--browser'] },
} as const;

async function cli(file: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [...CLI_NODE_ARGS, file, ...args], { cwd: repoRoot });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Each test starts a CLI or five under tsx: seconds, not milliseconds. */
const CLI_TIMEOUT = 60_000;

describe('the CLIs', () => {
  for (const [name, { file, flags }] of Object.entries(CLIS)) {
    it(
      `npm run ${name} -- --help: every flag, its default, the exit status; exit 0`,
      async () => {
        const { code, stdout } = await cli(file, ['--help']);
        expect(code).toBe(0);
        expect(stdout).toMatch(new RegExp(`^usage: npm run ${name} -- \\[options\\]`));
        for (const flag of [...flags, '--help']) expect(stdout, flag).toMatch(new RegExp(`^  ${flag}\\b`, 'm'));
        expect(stdout).toMatch(/^Exit status: 0 /m);
        for (const line of stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(120);
      },
      CLI_TIMEOUT,
    );

    it(
      `npm run ${name} -- --no-such-flag: exit 2, naming it`,
      async () => {
        const { code, stderr } = await cli(file, ['--no-such-flag']);
        expect(code).toBe(2);
        expect(stderr).toMatch(/no-such-flag/);
        expect(stderr).toMatch(/^usage: /m);
      },
      CLI_TIMEOUT,
    );
  }

  it(
    'the flags the tools share mean the same in each: --browser, --runtime, --json',
    async () => {
      const helps = await Promise.all(Object.values(CLIS).map(({ file }) => cli(file, ['--help'])));
      const line = (text: string, flag: string) =>
        text
          .split('\n')
          .find((l) => l.startsWith(`  ${flag} `))
          ?.replace(/^ +--\S+ \S* +/, '')
          .split(';')[0];
      for (const flag of ['--browser', '--json']) {
        const meanings = new Set(helps.map((h) => line(h.stdout, flag)).filter((m) => m !== undefined));
        expect(meanings.size, flag).toBe(1);
      }
      const runtimes = helps.map((h) => line(h.stdout, '--runtime')).filter((m) => m !== undefined);
      for (const meaning of runtimes) expect(meaning).toMatch(/^where it runs: browser \(headless, the one --browser names\)/);
    },
    CLI_TIMEOUT,
  );
});
