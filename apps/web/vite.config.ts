import { defineConfig } from 'vitest/config';

// The api the dev server proxies /api to (npm run start:dev starts it on 3000).
const apiTarget = process.env.SOW_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  root: __dirname,
  oxc: { jsx: { runtime: 'automatic' } },
  server: { port: 5173, proxy: { '/api': apiTarget, '/docs': apiTarget, '/health': apiTarget, '/admin/queues': apiTarget } },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 900 },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.tsx', 'src/**/*.test.ts'],
    setupFiles: ['src/test-setup.ts'],
  },
});
