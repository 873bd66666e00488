import type { FormEvent, ReactNode } from 'react';
import { BrandMark } from './BrandMark';

/**
 * The card both windows show before their main view (first run, unlock, choosing a server,
 * signing in): the brand, an optional title, and the content. With `onSubmit` the card is the
 * form itself (no page reload; fields validate themselves); without it, a plain card around a
 * form of its own.
 */
export function GateCard({ title, wide = false, onSubmit, children }: { title?: string; wide?: boolean; onSubmit?: () => void; children: ReactNode }) {
  const className = wide ? 'gate-card gate-card-wide' : 'gate-card';
  const content = (
    <>
      <div className="gate-brand">
        <BrandMark size={40} />
      </div>
      {title !== undefined && <h1 className="gate-title">{title}</h1>}
      {children}
    </>
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit?.();
  };
  return (
    <main className="gate">
      {onSubmit ? (
        <form className={className} noValidate onSubmit={submit}>
          {content}
        </form>
      ) : (
        <div className={className}>{content}</div>
      )}
    </main>
  );
}
