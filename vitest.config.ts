import { defineConfig } from 'vitest/config';
import { englishParts } from './scripts/english.mjs';

export default defineConfig({
  define: { __DEV__: 'true' },
  plugins: [englishParts()],
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'jsdom',
    // A fixed fast-check seed and run count for every property (see the file).
    setupFiles: ['test/unit/setup.ts'],
  },
});
