import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = path.resolve(import.meta.dirname);

/** The web client: built to web/dist, which the Fastify server serves with an SPA fallback. */
export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: path.join(root, 'dist'),
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
  },
  server: {
    // `npx vite --config web/vite.config.ts` next to `npm run dev`: the API stays on its own port
    proxy: { '/api': 'http://localhost:3000' },
  },
});
