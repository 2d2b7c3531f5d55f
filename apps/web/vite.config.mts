import react from '@vitejs/plugin-react-swc';
import { defineConfig } from 'vitest/config';

// The api the dev server proxies to (npm run start:dev starts it on 3000).
const apiTarget = process.env.SOW_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  root: import.meta.dirname,
  // React Fast Refresh on the dev server (npm run start:dev): an edited component re-renders in place and
  // keeps its state. SWC compiles TSX in dev and tests; the build keeps Vite's own transform (automatic JSX).
  plugins: [react()],
  server: { port: 5173, proxy: { '/api': apiTarget, '/docs': apiTarget, '/health': apiTarget, '/admin/queues': apiTarget } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      // TanStack Query marks its hooks "use client" for React Server Components; a client-only bundle ignores it.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.tsx', 'src/**/*.test.ts'],
    setupFiles: ['src/test-setup.ts'],
  },
});
