import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx', 'main/**/*.spec.ts', 'preload/**/*.spec.ts'],
    environment: 'node',
    // generous: a timeout here means a hang, not slowness (CI shares two cores between the suites)
    testTimeout: 180_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
