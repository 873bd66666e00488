import { useEffect, useState } from 'react';
import { loadPasswordEstimator, passwordEstimatorReady, passwordStrength } from '../store/password-strength';

/** Five-step bar and a sentence of advice under a new password (zxcvbn-ts, loaded on first use). */
export function PasswordStrengthMeter({ password, id }: { password: string; id?: string }) {
  const [, setReady] = useState(passwordEstimatorReady());
  useEffect(() => {
    if (!passwordEstimatorReady()) void loadPasswordEstimator().then(() => setReady(true));
  }, []);
  if (!password) return null;
  const strength = passwordStrength(password);
  if (!strength) return null;
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
