import type { LitElement } from 'lit';

/**
 * Keeping a keyboard user's place on the application screen through live reloads: its pending, in-flight and
 * recent actions are three `console-action-list` elements, and a reload may move an action's row from one to
 * another (its `repeat` keys rows only within one list), which would drop the focus to the page.
 */

/** The act button (or row) a keyboard user was on in an action list, to find again when the row moves lists. */
export interface FocusedAction {
  element: HTMLElement;
  actionId: string;
  testId: string | null;
  heading: HTMLElement | null;
}

/** The act button in an action list of `root` that has the focus, if any. */
export function focusedAction(root: ShadowRoot | null): FocusedAction | null {
  const list = root?.activeElement;
  if (!(list instanceof HTMLElement) || list.tagName !== 'CONSOLE-ACTION-LIST') {
    return null;
  }
  const element = list.shadowRoot?.activeElement;
  const row = element instanceof HTMLElement ? element.closest<HTMLElement>('tr[data-action-id]') : null;
  if (!(element instanceof HTMLElement) || !row) {
    return null;
  }
  return { element, actionId: row.dataset.actionId ?? '', testId: element.dataset.testid ?? null,
    heading: list.closest('section')?.querySelector<HTMLElement>('h3') ?? null };
}

/**
 * After a reload has rendered: if the focused button is gone, the same action's button in whichever list it is
 * now in, else the heading of the list it was in (else the screen's heading, `#app-heading`).
 */
export function keepFocus(root: ShadowRoot | null, focus: FocusedAction): void {
  if (!root || focus.element.isConnected) {
    return;
  }
  for (const list of root.querySelectorAll('console-action-list')) {
    const row = list.shadowRoot?.querySelector<HTMLElement>(`tr[data-action-id="${focus.actionId}"]`);
    const button = (focus.testId ? row?.querySelector<HTMLElement>(`[data-testid="${focus.testId}"]`) : null)
      ?? row?.querySelector<HTMLElement>('button');
    if (button) {
      button.focus();
      return;
    }
  }
  (focus.heading?.isConnected ? focus.heading : root.querySelector<HTMLElement>('#app-heading'))?.focus();
}

/** `screen` and the action lists in it have rendered what they were given. */
export async function renderedWithLists(screen: LitElement): Promise<void> {
  await screen.updateComplete;
  await Promise.all([...screen.renderRoot.querySelectorAll('console-action-list')]
    .map((list) => (list as LitElement).updateComplete));
}
