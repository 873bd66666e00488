import { passwordStrength } from '../store/password-strength';

/** Five-step bar and a sentence of advice under a new password. */
export function PasswordStrengthMeter({ password, id }: { password: string; id?: string }) {
  if (!password) return null;
  const strength = passwordStrength(password);
  return (
    <div className="strength" id={id} data-level={strength.level}>
      <div className="strength-bar" aria-hidden="true">
        {[1, 2, 3, 4].map((step) => (
          <span key={step} className={step <= strength.level ? 'on' : ''} />
        ))}
      </div>
      <p className="strength-text" aria-live="polite">
        <strong>{strength.label}.</strong> {strength.hint}
      </p>
    </div>
  );
}
