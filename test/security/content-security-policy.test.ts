import { describe, expect, it } from 'vitest';
import {
  DOCUMENT_CSP_HEADER,
  WORKER_CSP_HEADER,
  createCspHeaderInjector,
  cspForPath,
  devServerCsp,
} from '../../electron/main/security/content-security-policy';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((d) => {
      const [name = '', ...sources] = d.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('document CSP', () => {
  const doc = directives(DOCUMENT_CSP_HEADER);

  it('defaults to nothing and allows scripts only from our origin, with no inline or eval', () => {
    expect(doc.get('default-src')).toEqual(["'none'"]);
    expect(doc.get('script-src')).toEqual(["'self'"]);
    expect(DOCUMENT_CSP_HEADER).not.toMatch(/unsafe-inline|unsafe-eval|wasm-unsafe-eval/);
  });

  it('forbids plugins, frames, <base> and form posts', () => {
    for (const name of ['object-src', 'frame-src', 'frame-ancestors', 'base-uri', 'form-action']) {
      expect(doc.get(name), name).toEqual(["'none'"]);
    }
  });

  it('lets the page talk only to itself (no remote hosts, no http, no wildcards)', () => {
    expect(doc.get('connect-src')).toEqual(["'self'"]);
    expect(DOCUMENT_CSP_HEADER).not.toMatch(/https?:|\*/);
  });
});

describe('worker CSP', () => {
  it("is the only policy with 'wasm-unsafe-eval', for the QR decoder worker", () => {
    expect(directives(WORKER_CSP_HEADER).get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(WORKER_CSP_HEADER).not.toMatch(/'unsafe-eval'|unsafe-inline/);
  });

  it('is chosen for scripts and never for documents', () => {
    expect(cspForPath('/assets/qr-decode.worker-1a2b.js')).toBe(WORKER_CSP_HEADER);
    expect(cspForPath('/codes/index.html')).toBe(DOCUMENT_CSP_HEADER);
    expect(cspForPath('/assets/index-9f.css')).toBe(DOCUMENT_CSP_HEADER);
  });
});

describe('CSP header injection', () => {
  function inject(url: string, responseHeaders: Record<string, string[]>, devServerOrigin?: string) {
    let result: { responseHeaders?: Record<string, string | string[]> } | undefined;
    createCspHeaderInjector(devServerOrigin ? { devServerOrigin } : {})({ url, responseHeaders }, (r) => (result = r));
    return result;
  }

  it('replaces a looser policy on our pages', () => {
    const r = inject('app://twofold/codes/index.html', {
      'content-security-policy': ["default-src *"],
      'Content-Type': ['text/html'],
    });
    expect(r?.responseHeaders).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [DOCUMENT_CSP_HEADER],
    });
  });

  it('leaves responses from elsewhere untouched', () => {
    expect(inject('https://example.com/', { a: ['b'] })).toEqual({});
  });

  it('applies the development policy to the dev server only when it is configured', () => {
    expect(inject('http://localhost:5173/codes/index.html', {})).toEqual({});
    const r = inject('http://localhost:5173/codes/index.html', {}, 'http://localhost:5173');
    expect(r?.responseHeaders?.['Content-Security-Policy']).toEqual([devServerCsp('http://localhost:5173')]);
    expect(devServerCsp('http://localhost:5173')).toContain('ws://localhost:5173');
  });
});
