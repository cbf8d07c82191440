// The import rules of the repository, checked by `npm run lint:deps` (in `npm test` and CI): no circle anywhere, type
// imports counted (tsPreCompilationDeps), the package entered from outside only through its entries, and the package
// importing nothing of the tools around it.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules import one way: a reader learns them bottom-up. Type-only imports count.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'src-through-its-entries',
      severity: 'error',
      comment: "Outside src/, the package is src/index.ts, src/tfjs.ts, src/typegpu.ts, or (this repository's tests and tools) src/testing.ts.",
      from: { pathNot: '^src/' },
      to: { path: '^src/', pathNot: '^src/(index|tfjs|typegpu|testing)[.]ts$' },
    },
    {
      name: 'src-imports-no-tool',
      severity: 'error',
      comment: 'The package imports nothing of the bench, the demo, the tests or the other tools.',
      from: { path: '^src/' },
      to: { path: '^(common|bench|demo|test|accuracy|fuzz|scripts)/' },
    },
    {
      name: 'no-testing-entry-in-the-package',
      severity: 'error',
      comment: 'src/testing.ts is for the repository; no module of the package imports it.',
      from: { path: '^src/', pathNot: '^src/testing[.]ts$' },
      to: { path: '^src/testing[.]ts$' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|demo-dist|test-results)/' },
    includeOnly: '^(src|common|bench|demo|test|accuracy|fuzz|scripts)/',
  },
};
