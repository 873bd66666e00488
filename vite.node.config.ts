import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

// Builds the plain-Node programs, the `twofold` CLI and the `twofold-server` reference server,
// to out/node/. Dependencies stay external (they are installed beside the app); only our own
// TypeScript is bundled.
const external = [
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
  ...Object.keys(pkg.dependencies),
].map((name) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(/.*)?$`));

export default defineConfig({
  build: {
    ssr: true,
    target: 'node20',
    outDir: 'out/node',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    rollupOptions: {
      input: {
        twofold: resolve(import.meta.dirname, 'cli/main.ts'),
        'twofold-server': resolve(import.meta.dirname, 'server/main.ts'),
        'scan-decode-worker': resolve(import.meta.dirname, 'electron/main/services/scan/scan-decode-worker.ts'),
      },
      external,
      output: { format: 'es', entryFileNames: '[name].js' },
    },
  },
});
