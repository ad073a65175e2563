import type { LitElement } from 'lit';

/**
 * After a console form was refused by its checks: once the problems are drawn, the keyboard user lands on the first
 * field in error (marked aria-invalid), where its sentence is read out.
 */
export async function focusFirstProblem(form: LitElement): Promise<void> {
  await form.updateComplete;
  form.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
