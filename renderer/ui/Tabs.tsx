import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabItem<Id extends string> {
  id: Id;
  label: string;
}

export interface TabsProps<Id extends string> {
  /** The accessible name of the tab list ("Administration"). */
  label: string;
  tabs: ReadonlyArray<TabItem<Id>>;
  selected: Id;
  onSelect: (id: Id) => void;
  /** The selected tab's panel. */
  children: ReactNode;
  className?: string;
  tabClassName?: string;
  panelClassName?: string;
  /** Rendered as <main> when the panel is the window's main content. */
  panelAs?: 'div' | 'main';
}

/**
 * Tabs as the WAI-ARIA Authoring Practices describe them: one tab stop (the selected tab; the
 * others have tabindex -1), Left/Right arrows move between tabs and wrap, Home/End jump to the
 * first/last, and selection follows focus ("automatic activation": every panel here shows at
 * once). Each tab names the panel it controls (aria-controls) and the panel is labelled by its
 * tab. The selected tab carries `data-screen-focus`, so it takes focus when a screen opens on it.
 * @see https://www.w3.org/WAI/ARIA/apg/patterns/tabs/
 */
export function Tabs<Id extends string>({ label, tabs, selected, onSelect, children, className, tabClassName, panelClassName, panelAs = 'div' }: TabsProps<Id>) {
  const base = useId();
  const list = useRef<HTMLDivElement>(null);
  const tabId = (id: Id) => `${base}-tab-${id}`;
  const panelId = `${base}-panel`;
  const Panel = panelAs;

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    const index = tabs.findIndex((t) => t.id === selected);
    const last = tabs.length - 1;
    const next =
      event.key === 'ArrowRight' ? (index + 1) % tabs.length : event.key === 'ArrowLeft' ? (index - 1 + tabs.length) % tabs.length : event.key === 'Home' ? 0 : event.key === 'End' ? last : null;
    if (next === null) return;
    event.preventDefault();
    const tab = tabs[next];
    if (!tab) return;
    onSelect(tab.id);
    list.current?.querySelector<HTMLElement>(`#${CSS.escape(tabId(tab.id))}`)?.focus();
  }

  return (
    <>
      <div ref={list} className={className} role="tablist" aria-label={label} aria-orientation="horizontal">
        {tabs.map((tab) => {
          const isSelected = tab.id === selected;
          return (
            <button
              key={tab.id}
              id={tabId(tab.id)}
              type="button"
              role="tab"
              className={tabClassName}
              aria-selected={isSelected}
              aria-controls={isSelected ? panelId : undefined}
              tabIndex={isSelected ? 0 : -1}
              data-screen-focus={isSelected ? '' : undefined}
              onClick={() => onSelect(tab.id)}
              onKeyDown={onKeyDown}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      <Panel id={panelId} className={panelClassName} role="tabpanel" aria-labelledby={tabId(selected)}>
        {children}
      </Panel>
    </>
  );
}
