import type { WebPreferences } from 'electron';

/**
 * The webPreferences every Twofold window uses. Each security-relevant option is set explicitly,
 * even where it equals Electron 45's default, so a future default change or a copied snippet
 * cannot silently weaken a window, and so tests and Electronegativity can read the intent.
 *
 * @see https://www.electronjs.org/docs/latest/tutorial/security (items 2, 3, 4, 5, 6, 9, 10, 12)
 */
export function secureWebPreferences(options: { preload: string }): WebPreferences {
  return {
    preload: options.preload,
    // The renderer is an ordinary web page: no Node, in a separate JS world, in an OS sandbox.
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    // Same-origin policy on, and no http content inside our secure pages.
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    enableBlinkFeatures: '',
    // No <webview>: will-attach-webview is also refused, as a second line.
    webviewTag: false,
    // Dropping a file or link on the window must not navigate it away from our page.
    navigateOnDragDrop: false,
    // A page cannot flood the user with alert() loops.
    safeDialogs: true,
    // Account names and codes are not sent to a spell-checking dictionary service.
    spellcheck: false,
  };
}

/** One weakened option found in a window's webPreferences. */
export interface InsecurePreference {
  option: keyof WebPreferences;
  expected: unknown;
  actual: unknown;
}

const REQUIRED: ReadonlyArray<[keyof WebPreferences, unknown]> = [
  ['sandbox', true],
  ['contextIsolation', true],
  ['nodeIntegration', false],
  ['nodeIntegrationInWorker', false],
  ['nodeIntegrationInSubFrames', false],
  ['webSecurity', true],
  ['allowRunningInsecureContent', false],
  ['experimentalFeatures', false],
  ['webviewTag', false],
];

/**
 * Lists every option of `prefs` that is not set, explicitly, to the secure value. An empty list
 * means the window is locked down. Tests run it on the real options each window factory builds,
 * and window factories can assert it before constructing a BrowserWindow.
 */
export function findInsecurePreferences(prefs: WebPreferences | null | undefined): InsecurePreference[] {
  const problems: InsecurePreference[] = [];
  for (const [option, expected] of REQUIRED) {
    const actual = prefs?.[option];
    if (actual !== expected) problems.push({ option, expected, actual });
  }
  if (prefs?.enableBlinkFeatures) {
    problems.push({ option: 'enableBlinkFeatures', expected: '', actual: prefs.enableBlinkFeatures });
  }
  return problems;
}
