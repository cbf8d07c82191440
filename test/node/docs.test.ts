// Hover docs: every export of `webgpu-mish` and `webgpu-mish/tfjs` has a doc comment; every exported function shows
// an example, and every function that checks its arguments says what it throws. Read from the sources with the
// TypeScript compiler, as an editor reads them.
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ENTRIES = ['src/index.ts', 'src/tfjs.ts'];

/** Functions that check their arguments and throw for bad ones. */
const THROWING = [
  'mishForward',
  'mishBackward',
  'reluForward',
  'reluBackward',
  'swishForward',
  'swishBackward',
  'prepare',
  'setTiling',
  'tuneTiling',
  'conv2dMish',
  'conv2dMishAdd',
  'fuseMishInGraph',
  'withFusedMish',
];

interface ExportDoc {
  entry: string;
  name: string;
  isFunction: boolean;
  doc: string;
  tags: string[];
}

function exportDocs(): ExportDoc[] {
  const program = ts.createProgram(ENTRIES, {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: ['@webgpu/types'],
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  return ENTRIES.flatMap((entry) => {
    const module = checker.getSymbolAtLocation(program.getSourceFile(entry) as ts.SourceFile) as ts.Symbol;
    return checker.getExportsOfModule(module).map((exported) => {
      const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const type = checker.getTypeOfSymbol(target);
      return {
        entry,
        name: exported.name,
        isFunction: (target.flags & ts.SymbolFlags.Function) !== 0 || ((target.flags & ts.SymbolFlags.Variable) !== 0 && type.getCallSignatures().length > 0),
        doc: ts.displayPartsToString(target.getDocumentationComment(checker)),
        tags: target.getJsDocTags(checker).map((tag) => tag.name),
      };
    });
  });
}

describe('hover docs of the public entries', () => {
  const docs = exportDocs();

  it('finds the exports (a self-check: the entries export what the README lists)', () => {
    expect(docs.map((d) => d.name)).toEqual(expect.arrayContaining(['mishForward', 'prepare', 'DeviceLostError', 'mish', 'withFusedMish', 'conv2dMish']));
    expect(docs.length).toBeGreaterThan(40);
  });

  it('every export has a doc comment', () => {
    expect(docs.filter((d) => d.doc.trim().length < 15).map((d) => `${d.entry} ${d.name}`)).toEqual([]);
  });

  it('every exported function shows an example', () => {
    expect(docs.filter((d) => d.isFunction && !d.tags.includes('example')).map((d) => `${d.entry} ${d.name}`)).toEqual([]);
  });

  it('every function that checks its arguments says what it throws', () => {
    for (const name of THROWING) {
      const found = docs.find((d) => d.name === name);
      expect(found?.tags, name).toContain('throws');
    }
  });
});
