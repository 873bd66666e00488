import type { ReactNode } from 'react';
import { BrandMark } from './BrandMark';

/**
 * The card the locked app shows before any account (first run, unlock): the brand, a title and a
 * form. Submitting runs `onSubmit` without reloading the page; fields validate themselves.
 */
export function GateCard({ title, wide = false, onSubmit, children }: { title: string; wide?: boolean; onSubmit: () => void; children: ReactNode }) {
  return (
    <main className="gate">
      <form
        className={wide ? 'gate-card gate-card-wide' : 'gate-card'}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        <div className="gate-brand">
          <BrandMark size={40} />
        </div>
        <h1 className="gate-title">{title}</h1>
        {children}
      </form>
    </main>
  );
}
