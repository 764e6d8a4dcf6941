import { defineConfig } from 'vitest/config';

// Two projects: `unit` (everything in npm test) and `corpus` (real-world specs; `npm run test:corpus`).
export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 600_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts', 'generator/**/*.test.ts'],
          exclude: ['test/corpus/**', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: { name: 'corpus', include: ['test/corpus/**/*.test.ts'] },
      },
    ],
  },
});
