import { defineConfig } from 'vitest/config';

export default defineConfig({
  define: { __DEV__: 'true' },
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'jsdom',
    // A fixed fast-check seed and run count for every property (see the file).
    setupFiles: ['test/unit/setup.ts'],
  },
});
