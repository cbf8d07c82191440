// After `tsc -p tsconfig.build.json`: removes the declarations in dist/ that neither entry's declarations reach
// (tsc emits one for every module the entries import, types or not). Run by `npm run build`.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, posix } from 'node:path';

const DIST = 'dist';
const ENTRIES = ['index.d.ts', 'tfjs.d.ts', 'typegpu.d.ts'];
const SPECIFIER = /(?:from\s+|import\()['"](\.{1,2}\/[^'"]+)\.js['"]/g;

const reached = new Set();
const visit = (file) => {
  if (reached.has(file)) return;
  reached.add(file);
  for (const [, specifier] of readFileSync(join(DIST, file), 'utf8').matchAll(SPECIFIER)) {
    visit(posix.normalize(posix.join(posix.dirname(file), `${specifier}.d.ts`)));
  }
};
for (const entry of ENTRIES) visit(entry);
const pruned = readdirSync(DIST, { recursive: true, encoding: 'utf8' })
  .map((file) => file.split('\\').join('/'))
  .filter((file) => file.endsWith('.d.ts') && !reached.has(file));
for (const file of pruned) rmSync(join(DIST, file));
console.log(`prune-declarations: kept ${reached.size} declaration files, removed ${pruned.length}`);
