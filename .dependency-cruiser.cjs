// The layering rules the README describes ("How the code is laid out"), checked in CI.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'platform-stands-alone',
      comment: 'The platform sits below everything: it imports no domain idea and no feature.',
      severity: 'error',
      from: { path: '^src/platform/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/', pathNot: '^src/platform/' },
    },
    {
      name: 'domain-below-features',
      comment: 'Shared domain ideas stand on the platform only, never on a feature.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^src/', pathNot: '^src/(platform|domain)/' },
    },
    {
      name: 'features-through-public-entry',
      comment: "A feature uses another feature only through that feature's index.ts.",
      severity: 'error',
      from: { path: '^src/([^/]+)/', pathNot: ['^src/(platform|domain)/', '\\.test\\.ts$'] },
      to: { path: '^src/[^/]+/', pathNot: ['^src/$1/', '^src/(platform|domain)/', '^src/[^/]+/index\\.ts$'] },
    },
    {
      name: 'composition-root-through-public-entry',
      comment: 'app.ts, routes.ts and main.ts assemble features from their public entries.',
      severity: 'error',
      from: { path: '^src/[^/]+\\.ts$', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/[^/]+/', pathNot: ['^src/(platform|domain)/', '^src/[^/]+/index\\.ts$'] },
    },
    {
      name: 'test-support-stays-in-tests',
      comment: 'Production code never depends on test support.',
      severity: 'error',
      from: { path: '^src/', pathNot: '\\.test\\.ts$' },
      to: { path: '^test/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
