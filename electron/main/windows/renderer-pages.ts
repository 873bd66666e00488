import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The windows the renderer build has a page for (one HTML entry each in electron.vite.config.ts). */
export type WindowPage = 'codes';

export interface RendererPages {
  /** The URL each window loads. */
  urls: Record<WindowPage, string>;
  /** What `isTrustedSender` accepts: the dev server's origin, or the build folder as a file:// prefix. */
  allowedOrigins: string[];
}

/**
 * Where the pages come from: electron-vite's dev server when it set ELECTRON_RENDERER_URL,
 * otherwise the production build in out/renderer (beside out/main).
 */
export function rendererPages(mainDir: string, devServerUrl: string | undefined): RendererPages {
  if (devServerUrl) {
    const base = new URL(devServerUrl);
    return { urls: { codes: new URL('codes/index.html', base).href }, allowedOrigins: [base.origin] };
  }
  const root = join(mainDir, '..', 'renderer');
  const rootUrl = pathToFileURL(root + '/').href;
  return { urls: { codes: pathToFileURL(join(root, 'codes', 'index.html')).href }, allowedOrigins: [rootUrl] };
}
