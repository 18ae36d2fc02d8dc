import { defineConfig } from 'vitest/config';

// A non-UTC zone with a DST change, so any time-zone dependence shows on every run.
process.env.TZ = 'America/Sao_Paulo';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    // vitest's default on 2 cores is one worker (cores − 1): most files wait on child processes (the CLI, DuckDB, PostgreSQL,
    // ClickHouse), so two overlap well — CI under load: 911 s of tests with one, 816 s with two, every test passing
    maxWorkers: 2,
  },
});
