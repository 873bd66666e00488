import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { launchChromium } from '../harness/chromium';
import { CodesApp, type LaunchOptions } from '../harness/codes-app';

export const PASSWORD = 'correct horse battery staple';
export const T0 = Date.UTC(2026, 0, 1, 12, 0, 10);

export const uri = (issuer: string, name: string, secret: string, params = '') =>
  `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(name)}?secret=${secret}&issuer=${encodeURIComponent(issuer)}${params}`;

/**
 * One Chromium per test file, one fresh app (temporary data folder, new services) per test.
 * `open()` launches the window; `openUnlocked()` also creates the vault.
 */
export function useCodesApp() {
  let browser: Browser;
  let current: CodesApp | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  afterAll(async () => {
    await browser?.close();
  });
  const open = async (options: LaunchOptions = {}) => {
    current = await CodesApp.launch({ now: T0, ...options, browser });
    return current;
  };
  return {
    open,
    async openUnlocked(options: LaunchOptions = {}) {
      const app = await open(options);
      await app.createVault(PASSWORD);
      return app;
    },
  };
}
