/** Two projects: fast unit tests beside the code, and e2e tests in test/ against real services. */
const swc = ['@swc/jest', { swcrc: true }];
const moduleNameMapper = {
  '^@sow/(config|domain|optimizer|core|persistence|jobs|processors|testing)$': '<rootDir>/libs/$1/src',
  '^@sow/testing/builders$': '<rootDir>/libs/testing/src/builders',
};
module.exports = {
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': swc },
      moduleNameMapper,
      testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts', '<rootDir>/bench/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts'],
    },
    {
      displayName: 'e2e',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': swc },
      moduleNameMapper,
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      setupFiles: ['<rootDir>/test/setup-app.ts'],
    },
  ],
};
