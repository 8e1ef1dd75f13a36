/** One jest run covers unit, integration (dynalite, local gateway) and browser tests. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/shared', '<rootDir>/functions', '<rootDir>/infra', '<rootDir>/frontend'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: { '^.+\\.(t|j)sx?$|^.+\\.mjs$': '<rootDir>/jest.transform.js' },
  // middy ships ES modules only; jest runs CommonJS here, so let esbuild compile it too.
  transformIgnorePatterns: ['/node_modules/(?!@middy/)'],
  testTimeout: 60000,
  // Browser and CDK tests are heavy; two workers match the 2-core machines we run on.
  maxWorkers: 2,
};
