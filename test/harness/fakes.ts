import type { ClipboardPort } from '../../electron/main/clipboard/clipboard-guard';
import type { KeychainAvailability, KeyProtector } from '../../electron/main/services/vault';

/** The system clipboard, in memory: tests read what the app copied and see when it is cleared. */
export class FakeClipboard implements ClipboardPort {
  text = '';
  readonly writes: string[] = [];

  async readText(): Promise<string> {
    return this.text;
  }

  async writeText(text: string): Promise<void> {
    this.text = text;
    this.writes.push(text);
  }
}

/**
 * An OS keychain stand-in: "protects" by XOR with a per-instance pad, so a blob made by one
 * keychain does not open with another. `insecure` mimics Linux's basic_text backend.
 */
export class FakeKeyProtector implements KeyProtector {
  private readonly pad = 0x5a;

  constructor(private readonly state: KeychainAvailability = { available: true, insecure: false, backend: 'fake_keychain' }) {}

  async availability(): Promise<KeychainAvailability> {
    return { ...this.state };
  }

  async protect(vaultKey: Uint8Array): Promise<Uint8Array> {
    return Uint8Array.from(vaultKey, (b) => b ^ this.pad);
  }

  async unprotect(blob: Uint8Array): Promise<Uint8Array> {
    return Uint8Array.from(blob, (b) => b ^ this.pad);
  }
}
