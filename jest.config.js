/** Type checking runs once in `npm test` (tsc --noEmit); jest only transpiles, which keeps it fast. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // the end-to-end suites deploy with a real engine; jest runs them one at a time next to the others
  testTimeout: 300000,
  // stacks written by `s3-admin adopt` import the package by name, as a user's would
  moduleNameMapper: { '^cdktf-s3-admin$': '<rootDir>/lib/index.ts' },
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true }] },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/test/support/setup-matchers.ts'],
};
