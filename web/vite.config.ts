import { defineConfig } from 'vite'
import { fileURLToPath } from 'node:url'

/** The API that `npm run dev` proxies to (the service started by `tsx watch src/server.ts`). */
const api = process.env.API_ORIGIN ?? 'http://127.0.0.1:8000'

/**
 * The web app (docs/WEB.md). `npm run build:web` writes dist/web/, which the service serves at `/`
 * (src/plugins/app/web-app.ts); `npm run dev` serves it with reload and proxies the API.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Preact's automatic JSX runtime through Vite's own transformer: no Babel plugin needed.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    // Hashed file names only under assets/: the service caches them for a year.
    assetsInlineLimit: 0
  },
  server: {
    proxy: Object.fromEntries(['/api', '/docs', '/openapi', '/health', '/ready', '/version'].map((path) => [path, api]))
  }
})
