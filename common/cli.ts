/**
 * What every CLI of the repository shares: its flags described once (the parser's options and the `--help` text come
 * from the same list), `--help` on stdout with exit status 0, a bad option on stderr with the help and exit status 2,
 * and the same meaning for a flag in every tool (--browser, --runtime, --json, --wide, --strict).
 */
import { parseArgs } from 'node:util';
import { BROWSERS } from './browsers.js';

export interface CliFlag {
  readonly name: string;
  /** The value's placeholder in the help (`N`, `FILE`); none for a boolean flag. */
  readonly value?: string;
  /** The default as the help states it (for a value flag, also its default value unless `parsedDefault` says otherwise). */
  readonly default?: string;
  readonly help: string;
}

export interface CliSpec {
  /** `npm run bench --` */
  readonly command: string;
  /** What the tool does, in a sentence or two. */
  readonly summary: string;
  readonly flags: readonly CliFlag[];
  /** Positional arguments as the usage line shows them, if the tool takes any. */
  readonly positionals?: string;
  /** What the exit statuses mean. */
  readonly exitStatus: string;
}

/** Flags that mean the same in every tool that takes them. */
export const COMMON_FLAGS = {
  browser: { name: 'browser', value: 'NAME', default: 'chrome', help: `${BROWSERS.join(' or ')}: the browser whose WebGPU adapter runs it` },
  json: { name: 'json', value: 'FILE', help: 'also write the results as JSON' },
  wide: { name: 'wide', help: 'print every column (the default table fits 120 columns)' },
  strict: { name: 'strict', help: 'exit with status 1 when a judged target is missed (default: report it and exit 0)' },
} as const satisfies Record<string, CliFlag>;

/** `--runtime`: where a tool runs, among those it supports (browser: headless Chrome or Firefox; node: Dawn; deno: wgpu). */
export function runtimeFlag(supported: readonly ('browser' | 'node' | 'deno')[], note = ''): CliFlag {
  const where = { browser: 'browser (headless, the one --browser names)', node: 'node (Dawn, through the webgpu package)', deno: 'deno (wgpu)' };
  return { name: 'runtime', value: 'NAME', default: 'browser', help: `where it runs: ${supported.map((r) => where[r]).join(', ')}${note}` };
}

const HELP_FLAG: CliFlag = { name: 'help', help: 'print this text and exit' };

/** The help's width. */
const HELP_COLUMNS = 120;

/** `text` in lines of at most `columns` characters, broken at spaces. */
function wrap(text: string, columns: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > columns) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

function helpText(spec: CliSpec): string {
  const flags = [...spec.flags, HELP_FLAG];
  const left = (flag: CliFlag) => `  --${flag.name}${flag.value === undefined ? '' : ` ${flag.value}`}`;
  const width = Math.max(...flags.map((flag) => left(flag).length)) + 2;
  const lines = flags.flatMap((flag) => {
    const text = `${flag.help}${flag.default === undefined ? '' : `; default: ${flag.default}`}`;
    return wrap(text, HELP_COLUMNS - width).map((line, k) => `${(k === 0 ? left(flag) : '').padEnd(width)}${line}`);
  });
  return [
    `usage: ${spec.command} [options]${spec.positionals === undefined ? '' : ` ${spec.positionals}`}`,
    '',
    spec.summary,
    '',
    ...lines,
    '',
    ...wrap(`Exit status: ${spec.exitStatus}`, HELP_COLUMNS),
  ].join('\n');
}

/** Prints `message` and the help to stderr and exits with status 2. */
export function usageError(spec: CliSpec, message: string): never {
  console.error(`${message}\n\n${helpText(spec)}`);
  process.exit(2);
}

/**
 * Parses `args` (default: this process's) by `spec`: `--help` prints the help and exits 0; an unknown flag or a
 * missing value exits 2. Value flags without a given value are undefined (defaults are the caller's to apply).
 */
export function parseCli(spec: CliSpec, args = process.argv.slice(2)): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  const options = Object.fromEntries(
    [...spec.flags, HELP_FLAG].map((flag) => [flag.name, { type: flag.value === undefined ? ('boolean' as const) : ('string' as const) }]),
  );
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: typeof options; allowPositionals: boolean; strict: true }>>;
  try {
    parsed = parseArgs({ args, options, allowPositionals: spec.positionals !== undefined, strict: true });
  } catch (error) {
    usageError(spec, (error as Error).message);
  }
  if (parsed.values.help === true) {
    console.log(helpText(spec));
    process.exit(0);
  }
  return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
}

/** A value flag's text, or its fallback. */
export function flagText(values: Record<string, string | boolean | undefined>, name: string, fallback: string): string;
export function flagText(values: Record<string, string | boolean | undefined>, name: string): string | undefined;
export function flagText(values: Record<string, string | boolean | undefined>, name: string, fallback?: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : fallback;
}
