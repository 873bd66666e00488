/**
 * Seconds left in the code's period, as a ring that empties. The main process computes
 * `secondsLeft`; the ring only animates between the once-a-second updates (CSS transition).
 */
export function CountdownRing({ secondsLeft, period, urgent }: { secondsLeft: number; period: number; urgent: boolean }) {
  const radius = 13;
  const circumference = 2 * Math.PI * radius;
  const fraction = Math.max(0, Math.min(1, secondsLeft / period));
  const whole = Math.max(0, Math.ceil(secondsLeft));
  return (
    <div className={urgent ? 'ring ring-urgent' : 'ring'} role="timer" aria-label={`${whole} seconds left`}>
      <svg width="32" height="32" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <circle className="ring-track" cx="16" cy="16" r={radius} />
        <circle
          className="ring-progress"
          cx="16"
          cy="16"
          r={radius}
          strokeDasharray={circumference}
          strokeDashoffset={circumference * (1 - fraction)}
          transform="rotate(-90 16 16)"
        />
      </svg>
      <span className="ring-label" aria-hidden="true">
        {whole}
      </span>
    </div>
  );
}
