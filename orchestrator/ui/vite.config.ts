/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The server API this dev server forwards to (`dotnet run --project orchestrator/Server -- serve` listens here).
const apiTarget = process.env.PIPELINE_API ?? 'http://127.0.0.1:5080';

export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Source maps stay out of the bundle the server ships; a CSP of default-src 'self' needs no inline code.
    sourcemap: false,
  },
  // Dev only: in production the server itself serves the bundle and the API on one origin.
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/hooks': { target: apiTarget, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/hooks': { target: apiTarget, changeOrigin: false },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    // A page test clicks through several requests; on two busy cores that can take more than the default 5 s.
    testTimeout: 20_000,
  },
});
