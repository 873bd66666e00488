import { useId } from 'react';
import { GRACE_PERIOD_MAX_DAYS } from '../../../shared/admin-api';

/**
 * Days members not enrolled keep signing in with a password after Required starts (0–30), and
 * how many users that gives a deadline (members not enrolled; Server Admins get none).
 */
export function GracePeriodField({ value, onChange, membersNotEnrolled }: { value: string; onChange: (value: string) => void; membersNotEnrolled: number | null }) {
  const id = useId();
  const hintId = useId();
  const days = Number(value);
  const valid = /^\d{1,2}$/.test(value) && days <= GRACE_PERIOD_MAX_DAYS;
  let hint = 'Under Required, members not enrolled may still sign in with their password for this many days, then must enroll. Server Admins get no grace period.';
  if (!valid) hint = `Enter a whole number of days from 0 to ${GRACE_PERIOD_MAX_DAYS}.`;
  else if (days > 0 && membersNotEnrolled !== null) {
    hint += ` Starting Required now gives ${membersNotEnrolled} user${membersNotEnrolled === 1 ? '' : 's'} a deadline ${days} day${days === 1 ? '' : 's'} away.`;
  }
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        Grace period (days)
      </label>
      <input
        id={id}
        className="input grace-input"
        type="number"
        min={0}
        max={GRACE_PERIOD_MAX_DAYS}
        step={1}
        value={value}
        aria-invalid={!valid}
        aria-describedby={hintId}
        onChange={(e) => onChange(e.target.value)}
      />
      <p id={hintId} className={valid ? 'field-hint' : 'field-error'} data-testid="grace-hint">
        {hint}
      </p>
    </div>
  );
}

/** The field's text as days, or null when it is not 0–30. */
export function parseGraceDays(value: string): number | null {
  return /^\d{1,2}$/.test(value) && Number(value) <= GRACE_PERIOD_MAX_DAYS ? Number(value) : null;
}
