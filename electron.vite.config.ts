import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

const root = import.meta.dirname;

/**
 * The renderer's windows: one HTML entry each, built to out/renderer/<window>/index.html. The
 * admin window adds one line here: `admin: resolve(root, 'renderer/admin/index.html')`.
 */
const rendererPages = {
  codes: resolve(root, 'renderer/codes/index.html'),
  admin: resolve(root, 'renderer/admin/index.html'),
};

/**
 * `electron-vite dev` only: Vite's dev server injects an inline React Refresh preamble, inline
 * <style> tags and an HMR WebSocket, which the pages' strict CSP refuses. This loosens the policy
 * in pages served by the dev server; `build` never runs it, so shipped pages keep the strict one.
 */
function devServerCsp(): Plugin {
  return {
    name: 'twofold:dev-server-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws: http://localhost:*"),
  };
}

export default defineConfig({
  // out/main/index.js, an ES module (package.json has "type": "module"). npm dependencies stay
  // external: they are installed beside the app.
  main: {
    build: {
      outDir: 'out/main',
      sourcemap: true,
      rollupOptions: {
        input: { index: resolve(root, 'electron/main/index.ts'), 'scan-decode-worker': resolve(root, 'electron/main/services/scan/scan-decode-worker.ts') },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  // out/preload/index.cjs: sandboxed preloads run CommonJS only and may require nothing but
  // 'electron', so everything (the contract's schemas included) is bundled in.
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), devServerCsp()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      sourcemap: true,
      rollupOptions: { input: rendererPages },
    },
  },
});
