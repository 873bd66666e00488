import type { CodeView } from '../../../../shared/otp/code-view';
import type { NextCodePreview } from '../../../../shared/settings';

/** The settings that decide what a code view may carry. */
export interface CodePrivacySettings {
  hideCodes: boolean;
  nextCodePreview: NextCodePreview;
}

/**
 * What of a code reaches the renderer. Main applies it to every `codes:current` answer, so the
 * guarantees hold whatever the renderer does:
 * - "hide codes" on: a code view carries no digit (`code: ''`, `nextCode: null`, `hidden: true`)
 *   unless the user revealed that account in the last `revealSeconds`; the deadline is kept here
 *   on main's clock, so a compromised or buggy renderer cannot keep a code on screen longer by
 *   not hiding it (it can ask again, which is what a user click does).
 * - next-code preview off: `nextCode` is always null.
 * Copying is unaffected: it happens in main and never puts digits in the page.
 *
 * Key material: codes are short-lived credentials; the map holds ids and deadlines only.
 */
export class CodePrivacy {
  private readonly revealedUntil = new Map<string, number>();

  constructor(
    private readonly now: () => number,
    private readonly revealSeconds: number,
  ) {}

  /** Shows `id`'s code until now + revealSeconds. */
  reveal(id: string): void {
    this.revealedUntil.set(id, this.now() + this.revealSeconds * 1000);
  }

  /** Forgets every reveal (the vault locked). */
  clear(): void {
    this.revealedUntil.clear();
  }

  isRevealed(id: string): boolean {
    const until = this.revealedUntil.get(id);
    if (until === undefined) return false;
    if (this.now() < until) return true;
    this.revealedUntil.delete(id);
    return false;
  }

  present(view: CodeView, settings: CodePrivacySettings): CodeView {
    const shown: CodeView = view.type === 'hotp' || settings.nextCodePreview !== 'off' ? view : { ...view, nextCode: null };
    if (!settings.hideCodes || this.isRevealed(view.id)) return shown;
    return shown.type === 'hotp' ? { ...shown, code: '', hidden: true } : { ...shown, code: '', nextCode: null, hidden: true };
  }
}
