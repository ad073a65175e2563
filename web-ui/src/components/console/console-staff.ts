import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ConsoleApi } from '../../console-api';
import { generatePassword } from '../../console-secrets';
import type { SessionInfo, StaffRole, StaffUser, StaffUserPage } from '../../console-types';
import { ROLE_WORDS, checkStaffUser, type StaffDraft, type StaffProblems } from '../../words/console-staff';
import { consoleErrorSentence } from '../../words/console-errors';
import { formatDay } from '../../words/format';
import { panelStyles } from '../shared-styles';
import type { ConsoleActDialog } from './console-act-dialog';
import { tableStyles } from './console-styles';
import './console-act-dialog';
import { focusFirstProblem } from './form-focus';

function emptyDraft(): StaffDraft {
  return { username: '', displayName: '', email: '', role: 'helpdesk', password: '' };
}

/**
 * Admin: the staff users (CONSOLE-CONTRACT.md "Admin"). Create one (with a generated password offered), disable
 * one (with a comment for the audit; never oneself: the server refuses it too) or enable them again, and reset a
 * password: the new one is generated here and shown once, to be handed over.
 */
@customElement('console-staff')
export class ConsoleStaff extends LitElement {
  static styles = [panelStyles, tableStyles, css`
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
    }
    .secret {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 1.1rem;
    }
  `];

  @property({ attribute: false }) api!: ConsoleApi;
  @property({ attribute: false }) session!: SessionInfo;

  @state() private users: StaffUserPage | null = null;
  /** The page shown (0-based); an act reloads the same page. */
  @state() private page = 0;
  @state() private loadError = '';
  @state() private draft: StaffDraft = emptyDraft();
  @state() private problems: StaffProblems = {};
  @state() private busy = false;
  @state() private error = '';
  @state() private outcome = '';
  /** A reset password, shown this once with whose it is. */
  @state() private newPassword: { username: string; password: string } | null = null;
  /** The user whose password is about to be reset (the inline confirmation). */
  @state() private resetting: string | null = null;

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /** Leaving the screen forgets a password shown. */
  disconnectedCallback(): void {
    super.disconnectedCallback();
    this.newPassword = null;
  }

  private async load(): Promise<void> {
    try {
      this.users = await this.api.users(this.page);
      this.loadError = '';
    } catch (e) {
      this.loadError = consoleErrorSentence(e);
    }
  }

  private get dialog(): ConsoleActDialog {
    return this.renderRoot.querySelector('console-act-dialog')!;
  }

  /** Says how an act went (role=status), with the focus on it so keyboard users hear it. */
  private async say(text: string): Promise<void> {
    this.outcome = text;
    this.error = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[data-testid="act-result"]')?.focus();
  }

  private async create(e: Event): Promise<void> {
    e.preventDefault();
    const check = checkStaffUser(this.draft);
    this.outcome = '';
    this.error = '';
    if (!check.ok) {
      this.problems = check.problems;
      await focusFirstProblem(this);
      return;
    }
    this.problems = {};
    this.busy = true;
    try {
      const user = await this.api.createUser(check.user);
      this.draft = emptyDraft();
      await this.load();
      await this.say(`${user.displayName ?? user.username} (${user.username}) can now sign in as ${ROLE_WORDS[user.role]
        .toLowerCase()} with the password you set. Hand it over in person or by another safe channel.`);
    } catch (err) {
      this.error = consoleErrorSentence(err);
    } finally {
      this.busy = false;
    }
  }

  private disable(user: StaffUser, e: Event): void {
    this.outcome = '';
    void this.dialog.open({
      title: `Disable ${user.username}`,
      confirm: 'Disable the account',
      explain: [`${user.displayName ?? user.username} is signed out everywhere at once and can no longer sign in, `
        + 'in the console or through the API. You can enable the account again later.'],
    }, async (comment) => {
      try {
        await this.api.disableUser(user.username, comment);
      } catch (err) {
        throw new Error(consoleErrorSentence(err));
      }
      await this.load();
      await this.say(`${user.username} is disabled.`);
    }, e.currentTarget as HTMLElement);
  }

  private async enable(user: StaffUser): Promise<void> {
    this.busy = true;
    try {
      await this.api.enableUser(user.username);
      await this.load();
      await this.say(`${user.username} can sign in again.`);
    } catch (err) {
      this.error = consoleErrorSentence(err);
    } finally {
      this.busy = false;
    }
  }

  /** Opens (or closes) a row's inline confirmation, the focus on its first button (or back on Reset password). */
  private async confirmReset(username: string | null, row: string): Promise<void> {
    this.resetting = username;
    this.newPassword = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-testid="staff-row"][data-username="${CSS.escape(row)}"] `
      + (username ? '[data-testid="staff-reset-confirm"]' : '[data-testid="staff-reset-password"]'))?.focus();
  }

  private async resetPassword(username: string): Promise<void> {
    const password = generatePassword();
    this.busy = true;
    try {
      await this.api.resetPassword(username, password);
      this.resetting = null;
      this.newPassword = { username, password };
      this.outcome = '';
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[data-testid="staff-new-password"]')?.focus();
    } catch (err) {
      this.error = consoleErrorSentence(err);
    } finally {
      this.busy = false;
    }
  }

  render() {
    return html`<section aria-labelledby="staff-heading">
        <h2 id="staff-heading" tabindex="-1">Staff users</h2>
        ${this.outcome ? html`<p class="ok" role="status" tabindex="-1" data-testid="act-result">${this.outcome}</p>`
          : nothing}
        ${this.newPassword ? html`<div role="status" tabindex="-1" data-testid="staff-new-password">
          <p>New password for ${this.newPassword.username}, shown only now: their sessions have ended and they sign in
            with it. Hand it over in person or by another safe channel.</p>
          <p class="secret">${this.newPassword.password}</p>
          <button class="secondary" @click=${() => { this.newPassword = null; }}>I have handed it over: hide it</button>
        </div>` : nothing}
        ${this.error ? html`<p class="error" role="alert" data-testid="staff-error">${this.error}</p>` : nothing}
        ${this.loadError ? html`<p class="error" role="alert" data-testid="load-error">${this.loadError}</p>` : nothing}
        ${this.users ? this.list(this.users.items) : this.loadError ? nothing : html`<p>Loading\u2026</p>`}
      </section>
      ${this.createForm()}
      <console-act-dialog></console-act-dialog>`;
  }

  private list(users: StaffUser[]) {
    return html`<table data-testid="staff-list">
      <thead><tr><th scope="col">Name</th><th scope="col">User name</th><th scope="col">Role</th>
        <th scope="col">E-mail</th><th scope="col">Status</th><th scope="col">Since</th><th scope="col">Acts</th></tr></thead>
      <tbody>${users.map((u) => html`<tr data-testid="staff-row" data-username=${u.username}>
        <td data-label="Name">${u.displayName ?? '\u2014'}</td>
        <td data-label="User name">${u.username}${u.username === this.session.username ? ' (you)' : ''}</td>
        <td data-label="Role">${ROLE_WORDS[u.role] ?? u.role}</td>
        <td data-label="E-mail">${u.email ?? '\u2014'}</td>
        <td data-label="Status" data-testid="staff-status">${u.disabled ? 'Disabled' : 'Active'}</td>
        <td data-label="Since">${formatDay(u.createdAt)}</td>
        <td class="actions-cell">${this.acts(u)}</td>
      </tr>`)}</tbody>
    </table>
    ${this.pager()}`;
  }

  /** Newer/older pages, as the other lists offer; the count says where the agent is. */
  private pager() {
    const page = this.users;
    if (!page || page.total <= page.size) {
      return nothing;
    }
    const last = Math.max(0, Math.ceil(page.total / page.size) - 1);
    const first = page.page * page.size + 1;
    return html`<p data-testid="staff-count">Staff users ${first} to ${first + page.items.length - 1} of
        ${page.total}.</p>
      <nav class="row" aria-label="Pages of staff users">
        ${page.page > 0 ? html`<button class="secondary" data-testid="page-prev"
          @click=${() => this.goTo(page.page - 1)}>\u2190 Previous</button>` : nothing}
        ${page.page < last ? html`<button class="secondary" data-testid="page-next"
          @click=${() => this.goTo(page.page + 1)}>Next \u2192</button>` : nothing}
      </nav>`;
  }

  private async goTo(page: number): Promise<void> {
    this.page = page;
    await this.load();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#staff-heading')?.focus();
  }

  private acts(u: StaffUser) {
    if (this.resetting === u.username) {
      return html`<div role="group" aria-label=${`Reset the password of ${u.username}`}>
        <p>A new password is generated and shown once; ${u.username} is signed out everywhere.</p>
        <button data-testid="staff-reset-confirm" ?disabled=${this.busy}
          @click=${() => this.resetPassword(u.username)}>Reset the password</button>
        <button class="secondary" @click=${() => this.confirmReset(null, u.username)}>Keep it</button></div>`;
    }
    const self = u.username === this.session.username;
    return html`
      ${u.disabled ? html`<button class="secondary" data-testid="staff-enable" ?disabled=${this.busy}
          @click=${() => this.enable(u)}>Enable<span class="visually-hidden"> ${u.username}</span></button>`
        : self ? nothing : html`<button class="secondary" data-testid="staff-disable"
          @click=${(e: Event) => this.disable(u, e)}>Disable<span class="visually-hidden"> ${u.username}</span></button>`}
      <button class="secondary" data-testid="staff-reset-password" ?disabled=${this.busy}
        @click=${() => this.confirmReset(u.username, u.username)}>Reset password<span
        class="visually-hidden"> of ${u.username}</span></button>`;
  }

  private field(key: keyof StaffDraft, testId: string, label: string, extra: { type?: string; hint?: string;
    autocomplete?: string } = {}) {
    return html`<label for=${`staff-${key}`}>${label}</label>
      ${extra.hint ? html`<p class="hint" id=${`staff-${key}-hint`}>${extra.hint}</p>` : nothing}
      <input id=${`staff-${key}`} data-testid=${testId} type=${extra.type ?? 'text'} spellcheck="false"
        autocomplete=${extra.autocomplete ?? 'off'} .value=${this.draft[key]}
        aria-invalid=${this.problems[key] ? 'true' : 'false'}
        aria-describedby=${`staff-${key}-hint staff-${key}-error`}
        @input=${(e: Event) => { this.draft = { ...this.draft, [key]: (e.target as HTMLInputElement).value }; }} />
      ${this.problems[key] ? html`<p class="error" id=${`staff-${key}-error`}>${this.problems[key]}</p>` : nothing}`;
  }

  private createForm() {
    return html`<section aria-labelledby="staff-create-heading">
      <h2 id="staff-create-heading">Add a staff user</h2>
      <form data-testid="staff-create-form" novalidate @submit=${this.create}>
        ${this.field('username', 'staff-username', 'User name', { hint: 'Lower-case letters, digits, dots, hyphens '
          + 'or underscores; what they sign in with.' })}
        ${this.field('displayName', 'staff-display-name', 'Name')}
        ${this.field('email', 'staff-email', 'E-mail (optional)', { type: 'email' })}
        <label for="staff-role">Role</label>
        <p class="hint" id="staff-role-hint">Helpdesk: find cards and act on them. Admin: also issue cards and manage
          staff users.</p>
        <select id="staff-role" data-testid="staff-role" aria-describedby="staff-role-hint"
          @change=${(e: Event) => { this.draft = { ...this.draft, role: (e.target as HTMLSelectElement).value as StaffRole }; }}>
          ${(['helpdesk', 'admin'] as const).map((r) => html`<option value=${r} ?selected=${this.draft.role === r}>
            ${ROLE_WORDS[r]}</option>`)}
        </select>
        ${this.field('password', 'staff-password', 'Password', { hint: 'At least 12 characters. Shown here, since you '
          + 'hand it over: generate one rather than invent it.', autocomplete: 'new-password' })}
        <div class="row">
          <button type="button" class="secondary" data-testid="staff-generate-password"
            @click=${() => { this.draft = { ...this.draft, password: generatePassword() }; }}>Generate a password</button>
          <button type="submit" data-testid="staff-create" ?disabled=${this.busy}>Add the user</button>
        </div>
      </form>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'console-staff': ConsoleStaff;
  }
}
