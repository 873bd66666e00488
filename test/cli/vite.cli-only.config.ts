import { resolve } from 'node:path';
import { mergeConfig } from 'vite';
import shared from '../../vite.node.config';

/**
 * The shared plain-Node build, restricted to the `twofold` CLI and without emptying out/node:
 * the CLI tests fall back to it when the full build fails for a reason that is not the CLI's
 * (the reference server being mid-edit), and it leaves twofold-server.js in place.
 */
export default mergeConfig(shared, {
  build: {
    emptyOutDir: false,
    rollupOptions: { input: { twofold: resolve(import.meta.dirname, '../../cli/main.ts') } },
  },
});
