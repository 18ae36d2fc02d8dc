import { defineConfig } from 'vitest/config';

// A non-UTC zone with a DST change, so any time-zone dependence shows on every run.
process.env.TZ = 'America/Sao_Paulo';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
