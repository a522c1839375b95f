import { defineConfig } from 'vitest/config';

export default defineConfig({
  define: { __DEV__: 'true' },
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'jsdom',
  },
});
