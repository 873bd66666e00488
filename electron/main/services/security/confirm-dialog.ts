/**
 * Port for a confirmation the user gives in a dialog the main process shows (Electron's
 * `dialog.showMessageBox`, electron/main/adapters/electron-confirm-dialog.ts). It exists so that
 * risky choices (writing every secret unencrypted, keeping the vault key in a keychain that stores
 * it in clear) are confirmed where a compromised renderer cannot click for the user: the renderer
 * can ask for the action, but only this dialog says yes. Tests use a scripted fake.
 */
export interface ConfirmRequest {
  /** Short question in the window title / heading. */
  title: string;
  /** The main sentence: what happens if the user confirms. */
  message: string;
  /** What the risk is and what to do instead. */
  detail: string;
  /** Label of the button that goes ahead ("Export unencrypted"); the other one is "Cancel". */
  confirmLabel: string;
}

export interface ConfirmDialogPort {
  /** True only when the user chose `confirmLabel`; closing the dialog is a no. */
  confirm(request: ConfirmRequest): Promise<boolean>;
}

/** Where no dialog can be shown (CLI, a harness without one): every risky choice is refused. */
export const refuseAllConfirmations: ConfirmDialogPort = { confirm: async () => false };
