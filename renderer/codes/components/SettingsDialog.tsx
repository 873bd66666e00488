import { Dialog } from '../../ui/Dialog';
import { settingsSections } from '../extensions';

/** Settings: one section per entry of `settingsSections` (extensions.ts). */
export function SettingsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog
      title="Settings"
      onClose={onClose}
      wide
      footer={
        <button type="button" className="btn btn-primary" onClick={onClose}>
          Done
        </button>
      }
    >
      {settingsSections.map(({ id, title, Component }) => (
        <section key={id} className="settings-section" aria-labelledby={`settings-${id}`}>
          <h3 id={`settings-${id}`} className="settings-section-title">
            {title}
          </h3>
          <Component />
        </section>
      ))}
    </Dialog>
  );
}
