/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  testTimeout: 20000,
  // A worker is replaced once its heap passes this after a test file. Without it each of the
  // three (`npm test` runs `jest --maxWorkers=3`) grew to 1.1-1.3 GB over a full run, and freeing
  // a heap that size at exit took longer than the 500 ms Jest waits, so Jest killed them and
  // printed "A worker process has failed to exit gracefully" although no handle was left open
  // (27 November, docs/BENCHMARKS.md).
  workerIdleMemoryLimit: '512MB',
  // Builds client/dist if it is missing or older than client/ (fast when it is current).
  globalSetup: '<rootDir>/test/global-setup.ts',
  // Without timings from an earlier run (CI), the slowest files first: see the file.
  testSequencer: '<rootDir>/test/sequencer.js',
};
