/**
 * Keeps keyboard focus off the page body. When the focused control disappears (removed,
 * disabled, hidden: "Show QR code" replaced by the code, a row deleted, a screen swapped), focus
 * moves to its successor instead of falling to <body>, where Tab restarts at the top of the
 * window, Escape reaches no dialog and a screen reader loses its place.
 *
 * Installed once per window (`installFocusKeeper()` in main.tsx); views take part through three
 * data attributes instead of code of their own:
 * - `data-focus-row` on a list row and `data-row-primary` on its main control: when focus lands
 *   in another row (the one after a deleted row, or before it when it was the last), it goes to
 *   that row's primary control;
 * - `data-screen-focus` on the control a freshly shown screen should start on (the search field
 *   after unlock, the selected tab after signing in): used when nothing near the lost control
 *   survived.
 *
 * The successor is found in the lost control's scope (its dialog, or the whole window): the first
 * focusable element now standing where it stood, i.e. right after the nearest focusable element
 * that preceded it and is still there; else that preceding element; else the scope's
 * `data-screen-focus`, first focusable element, or the dialog itself.
 * @see https://www.w3.org/TR/WCAG21/#focus-order (SC 2.4.3 Focus Order)
 * @see https://html.spec.whatwg.org/multipage/interaction.html#focus-fixup-rule
 */

export const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

const SCOPE = '[role="dialog"], [role="alertdialog"]';

/** True when the element can hold focus now: in the page, enabled, rendered, not inert. */
export function canTakeFocus(el: Element | null): el is HTMLElement {
  if (!(el instanceof HTMLElement) || !el.isConnected) return false;
  if (el.matches(':disabled')) return false;
  if (el.closest('[inert]')) return false;
  return el.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions);
}

/** An unchecked radio button of a group that has a checked one: not a tab stop of its own. */
function isRadioBesideChecked(el: HTMLElement): boolean {
  if (!(el instanceof HTMLInputElement) || el.type !== 'radio' || el.checked || !el.name) return false;
  const group = (el.form ?? el.ownerDocument).querySelectorAll<HTMLInputElement>(`input[type="radio"][name="${CSS.escape(el.name)}"]`);
  return [...group].some((radio) => radio.checked);
}

/** Focusable elements of `scope` in Tab order of the document (tabindex > 0 is not used here). */
export function focusablesIn(scope: ParentNode): HTMLElement[] {
  return [...scope.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => canTakeFocus(el) && !isRadioBesideChecked(el));
}

/** Where a control stood: enough to find its successor after it is gone. */
export interface FocusPlace {
  readonly element: HTMLElement;
  /** Focusable elements before it in its scope, nearest first (captured while it was there). */
  readonly preceding: readonly HTMLElement[];
  readonly scope: HTMLElement | null;
}

export function placeOf(element: HTMLElement): FocusPlace {
  const scope = element.closest<HTMLElement>(SCOPE);
  const all = [...(scope ?? document.body).querySelectorAll<HTMLElement>(FOCUSABLE)];
  const index = all.indexOf(element);
  return { element, preceding: index > 0 ? all.slice(0, index).reverse() : [], scope };
}

const rowOf = (el: Element | null | undefined) => el?.closest<HTMLElement>('[data-focus-row]') ?? null;

/** Prefers a row's primary control when the successor lands in a row other than the lost one's. */
function preferRowPrimary(target: HTMLElement, lost: HTMLElement): HTMLElement {
  const row = rowOf(target);
  if (!row || row === rowOf(lost) || row.contains(lost)) return target;
  const primary = row.querySelector<HTMLElement>('[data-row-primary]');
  return canTakeFocus(primary) ? primary : target;
}

/** Where focus goes back to when a dialog closes: the place of the control that opened it. */
const returnPlaces = new WeakMap<HTMLElement, FocusPlace>();

export function setReturnPlace(dialog: HTMLElement, opener: FocusPlace): void {
  returnPlaces.set(dialog, opener);
}

/** The element that should take focus now that `place.element` cannot. */
export function successorOf(place: FocusPlace, seen: Set<FocusPlace> = new Set([place])): HTMLElement | null {
  if (place.scope && !place.scope.isConnected) {
    // The whole dialog went away: its opener, or the opener's successor, takes over. Openers can
    // form a cycle (a dialog reopened from inside the one it replaced): each is visited once.
    const opener = returnPlaces.get(place.scope);
    if (opener && !seen.has(opener) && !place.scope.contains(opener.element)) {
      seen.add(opener);
      return canTakeFocus(opener.element) ? opener.element : successorOf(opener, seen);
    }
  }
  const scope = place.scope?.isConnected ? place.scope : null;
  const root = scope ?? document.body;
  const current = focusablesIn(root);
  const lost = place.element;
  if (lost.isConnected && root.contains(lost)) {
    // Still in the page but disabled or hidden: the next control after it, else the one before.
    const after = current.find((el) => lost.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
    const before = [...current].reverse().find((el) => lost.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING);
    const pick = after ?? before;
    if (pick) return preferRowPrimary(pick, lost);
  } else {
    const anchor = place.preceding.find((el) => current.includes(el));
    if (anchor) {
      const next = current[current.indexOf(anchor) + 1];
      // Whatever now follows the surviving neighbour took the lost control's place; inside the
      // lost control's row there is nothing left, so a row below it (or the neighbour) wins.
      // A removed last row hands focus back up the list, not to whatever follows the list.
      const leftTheList = rowOf(lost) && rowOf(anchor) && next && !rowOf(next);
      return preferRowPrimary(leftTheList || !next ? anchor : next, lost);
    }
  }
  const screenFocus = root.querySelector<HTMLElement>('[data-screen-focus]');
  if (canTakeFocus(screenFocus)) return screenFocus;
  return current[0] ?? scope;
}

/** Where focus goes when nothing near a lost control can take it: the screen's start, else its first control. */
export function screenStart(): HTMLElement | null {
  const marked = document.querySelector<HTMLElement>('[data-screen-focus]');
  return canTakeFocus(marked) ? marked : (focusablesIn(document.body)[0] ?? null);
}

/** The last places focus was in, newest last (a dialog whose field autofocuses finds its opener here). */
const recent: FocusPlace[] = [];

/** The newest place focus had outside `container`: what opened a dialog that took focus itself. */
export function recentPlaceOutside(container: Element): FocusPlace | null {
  for (let i = recent.length - 1; i >= 0; i -= 1) {
    const place = recent[i]!;
    if (!container.contains(place.element)) return place;
  }
  return null;
}

/** True when a mutation removed `element` (or a subtree holding it), or changed an attribute of it or of an ancestor. */
function reaches(record: MutationRecord, element: HTMLElement): boolean {
  if (record.type === 'attributes') return record.target === element || record.target.contains(element);
  for (const node of record.removedNodes) if (node === element || node.contains(element)) return true;
  return false;
}

let installed = false;

/**
 * Watches focus for the whole window. Focus moves only when the last focused control can no
 * longer hold it AND nothing else has it (activeElement is <body> or the lost control itself):
 * a click on empty space, or another window taking focus, is left alone.
 */
export function installFocusKeeper(): void {
  if (installed) return;
  installed = true;
  let place: FocusPlace | null = null;
  let pending = false;

  const check = () => {
    pending = false;
    if (!place) return;
    const active = document.activeElement;
    if (active && active !== document.body && active !== place.element) return;
    if (canTakeFocus(place.element)) return;
    const lost = place;
    const next = successorOf(lost) ?? screenStart();
    if (next && next !== lost.element) {
      next.focus();
      // focusin records the new place; if focus() did nothing (inert), keep the old one.
      if (document.activeElement !== next) place = lost;
    }
  };
  const schedule = () => {
    if (pending) return;
    pending = true;
    queueMicrotask(check);
  };

  document.addEventListener('focusin', (event) => {
    if (event.target instanceof HTMLElement && event.target !== document.body) {
      place = placeOf(event.target);
      recent.push(place);
      if (recent.length > 5) recent.shift();
    }
  });
  document.addEventListener('focusout', (event) => {
    if (event.relatedTarget === null) setTimeout(check, 0);
  });
  new MutationObserver((records) => {
    if (!place) return;
    const element = place.element;
    // Only a mutation that reaches the focused control is checked: canTakeFocus forces a style
    // and layout pass, and a virtual list scrolling mutates the page every frame (a forced layout
    // per commit was most of the 1,000-account list's scrolling cost). A control hidden by a
    // change elsewhere (a sibling selector) is blurred by the browser's focus fixup: the
    // focusout listener above handles it.
    if (element.isConnected && !records.some((record) => reaches(record, element))) return;
    if (!canTakeFocus(element)) schedule();
  }).observe(document.body, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['disabled', 'hidden', 'class', 'style', 'inert', 'open'],
  });
}
