/** Layer rules (docs/ARCHITECTURE.md): apps -> projections -> event-store -> domain.
 * The domain is pure: no NestJS, no database client, no clock of its own. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'libs/domain imports no framework, no database, no I/O',
      from: { path: '^libs/domain' },
      to: {
        path: '(^|/)node_modules/(@nestjs|@eventstore|better-sqlite3|pg|express|rxjs)|^(fs|net|http|child_process)$',
      },
    },
    {
      name: 'domain-imports-only-domain',
      severity: 'error',
      from: { path: '^libs/domain' },
      to: { path: '^(libs/(event-store|projections)|apps)/' },
    },
    {
      name: 'event-store-below-projections',
      severity: 'error',
      from: { path: '^libs/event-store' },
      to: { path: '^(libs/projections|apps)/' },
    },
    {
      name: 'libs-never-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '\\.spec\\.ts$' },
  },
};
