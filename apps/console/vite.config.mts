import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Built into dist/console, which the API serves at `/` (apps/api/src/console).
// CONSOLE_OUT_DIR lets the browser tests build a fresh copy into a temporary folder.
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  build: {
    outDir:
      process.env.CONSOLE_OUT_DIR ?? fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 600,
  },
});
