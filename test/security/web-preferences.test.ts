import { describe, expect, it } from 'vitest';
import { findInsecurePreferences, secureWebPreferences } from '../../electron/main/security/web-preferences';

describe('secureWebPreferences', () => {
  const prefs = secureWebPreferences({ preload: '/app/out/preload/index.cjs' });

  it('sets sandbox, contextIsolation and no Node integration explicitly', () => {
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
    for (const key of ['sandbox', 'contextIsolation', 'nodeIntegration'] as const) {
      expect(Object.hasOwn(prefs, key), `${key} must be written out, not left to a default`).toBe(true);
    }
  });

  it('keeps web security, refuses insecure content, webviews and experimental features', () => {
    expect(prefs).toMatchObject({
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      enableBlinkFeatures: '',
      navigateOnDragDrop: false,
    });
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
  });

  it('passes its own audit', () => {
    expect(findInsecurePreferences(prefs)).toEqual([]);
  });
});

describe('findInsecurePreferences', () => {
  it('reports each weakened option with the value found', () => {
    const weak = { ...secureWebPreferences({ preload: 'p.cjs' }), sandbox: false, nodeIntegration: true, webviewTag: true };
    expect(findInsecurePreferences(weak).map((p) => [p.option, p.actual])).toEqual([
      ['sandbox', false],
      ['nodeIntegration', true],
      ['webviewTag', true],
    ]);
  });

  it('treats an option left to the default as a finding (defaults are not intent)', () => {
    expect(findInsecurePreferences({}).map((p) => p.option)).toContain('contextIsolation');
    expect(findInsecurePreferences(undefined)).toHaveLength(9);
  });

  it('flags enabled Blink features', () => {
    const prefs = { ...secureWebPreferences({ preload: 'p.cjs' }), enableBlinkFeatures: 'CSSVariables' };
    expect(findInsecurePreferences(prefs)).toEqual([{ option: 'enableBlinkFeatures', expected: '', actual: 'CSSVariables' }]);
  });
});
