// Node's module hooks behind raw-import.mjs: a specifier ending in `?raw` resolves to the file, and loads as a module
// whose default export is its text.
import { readFile } from 'node:fs/promises';

const RAW = '?raw';

export async function resolve(specifier, context, next) {
  if (!specifier.endsWith(RAW)) return next(specifier, context);
  return { url: new URL(specifier, context.parentURL).href, shortCircuit: true };
}

export async function load(url, context, next) {
  if (!url.endsWith(RAW)) return next(url, context);
  const text = await readFile(new URL(url.slice(0, -RAW.length)), 'utf8');
  return { format: 'module', source: `export default ${JSON.stringify(text)};`, shortCircuit: true };
}
