/** One jest config for unit, contract and e2e tests. Type-checking is `npm run typecheck`'s job,
 * so ts-jest only transpiles (isolatedModules) and the suite stays fast. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  moduleNameMapper: {
    '^@pix-ledger/domain$': '<rootDir>/libs/domain/src',
    '^@pix-ledger/domain/(.*)$': '<rootDir>/libs/domain/src/$1',
    '^@pix-ledger/event-store$': '<rootDir>/libs/event-store/src',
    '^@pix-ledger/event-store/(.*)$': '<rootDir>/libs/event-store/src/$1',
    '^@pix-ledger/projections$': '<rootDir>/libs/projections/src',
    '^@pix-ledger/projections/(.*)$': '<rootDir>/libs/projections/src/$1',
  },
  globalSetup: '<rootDir>/test/global-setup.mjs',
  globalTeardown: '<rootDir>/test/global-teardown.mjs',
  testTimeout: 60000,
};
