/** One jest run covers unit, integration (dynalite, local gateway) and browser tests. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/shared', '<rootDir>/functions', '<rootDir>/infra', '<rootDir>/frontend'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic', importSource: 'preact' } } } }],
  },
  // middy ships ES modules only; jest runs CommonJS here, so let swc compile it too.
  transformIgnorePatterns: ['/node_modules/(?!@middy/)'],
  testTimeout: 60000,
  // Browser and CDK tests are heavy; two workers match the 2-core machines we run on.
  maxWorkers: 2,
};
