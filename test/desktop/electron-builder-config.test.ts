import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * electron-builder.yml, loaded and validated by electron-builder's own code against its own
 * schema (app-builder-lib), then checked for what the installers must carry. Building installers
 * needs Electron's binary and network access, so this is as far as it can be taken here.
 */
const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string | null, options: null): Promise<Record<string, unknown>>;
  validateConfiguration(config: unknown, logger: { isEnabled: boolean; add(): void }): Promise<void>;
};

/** The parts of the configuration these tests read (electron-builder has validated the rest). */
interface BuilderConfig {
  appId: string;
  productName: string;
  artifactName: string;
  electronFuses: Record<string, boolean>;
  protocols: Array<{ schemes: string[] }>;
  linux: { target: string[]; icon: string };
  deb: { depends: string[] };
  rpm: { depends: string[] };
  mac: { target: unknown[]; hardenedRuntime: boolean; entitlements: string; icon: string; extendInfo: Record<string, string> };
  win: { target: Array<{ target: string }>; icon: string };
  nsis: { artifactName: string };
  portable: { artifactName: string };
}

async function config(): Promise<BuilderConfig> {
  const c = await getConfig(process.cwd(), null, null);
  await validateConfiguration(c, { isEnabled: false, add() {} });
  return c as unknown as BuilderConfig;
}

describe('electron-builder.yml', () => {
  it('is valid for electron-builder and names the app', async () => {
    const c = await config();
    expect(c.appId).toBe('io.twofold.desktop');
    expect(c.productName).toBe('Twofold');
    expect(c.artifactName).toContain('${version}');
  });

  it('flips the fuses: no run-as-node, NODE_OPTIONS or inspector; asar integrity and asar only; encrypted cookies', async () => {
    expect((await config()).electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds AppImage, deb and rpm with libsecret, dmg with hardened runtime and camera, nsis and portable', async () => {
    const c = await config();
    expect(c.linux.target).toEqual(['AppImage', 'deb', 'rpm']);
    expect(c.deb.depends).toContain('libsecret-1-0');
    expect(c.rpm.depends).toContain('libsecret');
    expect(c.mac.target).toEqual([
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] },
    ]);
    expect(c.mac.hardenedRuntime).toBe(true);
    expect(c.mac.extendInfo.NSCameraUsageDescription).toMatch(/camera to scan the QR code/);
    const entitlements = readFileSync(c.mac.entitlements, 'utf8');
    expect(entitlements).toContain('<key>com.apple.security.device.camera</key>');
    expect(c.win.target.map((t) => t.target)).toEqual(['nsis', 'portable']);
    expect(c.nsis.artifactName).not.toBe(c.portable.artifactName);
  });

  it('registers otpauth:// and points at icons that exist', async () => {
    const c = await config();
    expect(c.protocols).toEqual([expect.objectContaining({ schemes: ['otpauth'] })]);
    for (const file of [c.mac.icon, c.win.icon, 'build/icon.png', ...['16', '32', '64', '128', '256', '512'].map((s) => `${c.linux.icon}/${s}x${s}.png`)]) {
      expect(existsSync(file), file).toBe(true);
    }
  });

  it('is refused by electron-builder when a fuse name is misspelt (the validation is real)', async () => {
    const c = await config();
    await expect(validateConfiguration({ ...c, electronFuses: { runAsnode: false } }, { isEnabled: false, add() {} })).rejects.toThrow(/Invalid configuration object.*electronFuses/s);
  });
});
