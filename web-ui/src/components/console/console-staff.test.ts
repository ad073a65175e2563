// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { StaffUser } from '../../console-types';
import { allByTestId, byTestId, eventually, fakeConsoleApi, type Answer } from '../../console-test-backend';
import type { ConsoleStaff } from './console-staff';
import './console-staff';

const ada: StaffUser = { username: 'admin', displayName: 'Ada Admin', email: null, role: 'admin', disabled: false,
  createdAt: '2026-11-01T09:00:00Z' };
const hana: StaffUser = { username: 'helpdesk', displayName: 'Hana Desk', email: 'hana@example.com', role: 'helpdesk',
  disabled: false, createdAt: '2026-11-02T09:00:00Z' };

async function mount(extra: Record<string, Answer> = {}, users: StaffUser[] = [ada, hana]) {
  const fake = fakeConsoleApi({ 'GET /api/admin/users': { body: { items: users, page: 0, size: 25, total: users.length } },
    ...extra });
  const element = document.createElement('console-staff') as ConsoleStaff;
  element.api = fake.api;
  element.session = { username: 'admin', role: 'admin', displayName: null };
  document.body.append(element);
  await eventually(() => expect(allByTestId(element, 'staff-row')).toHaveLength(users.length));
  return { element, ...fake };
}

function row(element: Element, username: string): HTMLElement {
  return allByTestId(element, 'staff-row').find((r) => r.dataset.username === username)!;
}

function type(element: Element, testId: string, value: string): void {
  const input = byTestId<HTMLInputElement>(element, testId)!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('console-staff', () => {
  it('lists the staff with their role in words, and offers no way to disable oneself', async () => {
    const { element, requests } = await mount();
    expect(requests[0].url).toBe('/api/admin/users?page=0&size=25');
    expect(byTestId(element, 'page-next')).toBeNull(); // one page: no pager
    expect(row(element, 'helpdesk').textContent).toContain('Hana Desk');
    expect(row(element, 'helpdesk').textContent).toContain('Helpdesk');
    expect(byTestId(row(element, 'admin'), 'staff-disable')).toBeNull();
    expect(byTestId(row(element, 'helpdesk'), 'staff-disable')).not.toBeNull();
  });

  it('pages through more staff users than one page holds, as the other lists do', async () => {
    const staff = (page: number) => Array.from({ length: page === 0 ? 25 : 5 }, (_, i): StaffUser => ({
      ...hana, username: `agent${page * 25 + i}`, displayName: `Agent ${page * 25 + i}` }));
    const fake = fakeConsoleApi({ 'GET /api/admin/users': (r) => {
      const page = Number(new URL(r.url, 'http://x').searchParams.get('page'));
      return { body: { items: staff(page), page, size: 25, total: 30 } };
    } });
    const element = document.createElement('console-staff') as ConsoleStaff;
    element.api = fake.api;
    element.session = { username: 'admin', role: 'admin', displayName: null };
    document.body.append(element);
    await eventually(() => expect(allByTestId(element, 'staff-row')).toHaveLength(25));
    expect(byTestId(element, 'staff-count')?.textContent?.replace(/\s+/g, ' ')).toBe('Staff users 1 to 25 of 30.');
    expect(byTestId(element, 'page-prev')).toBeNull();
    byTestId(element, 'page-next')!.click();
    await eventually(() => expect(allByTestId(element, 'staff-row')).toHaveLength(5));
    expect(fake.requests.at(-1)?.url).toBe('/api/admin/users?page=1&size=25');
    expect(row(element, 'agent29')).toBeDefined();
    expect(byTestId(element, 'page-next')).toBeNull();
    byTestId(element, 'page-prev')!.click();
    await eventually(() => expect(allByTestId(element, 'staff-row')).toHaveLength(25));
  });

  it('creates a user with a generated password, checked before it is sent', async () => {
    const sam: StaffUser = { username: 'sam.support', displayName: 'Sam Support', email: null, role: 'helpdesk',
      disabled: false, createdAt: '2026-11-29T10:00:00Z' };
    const { element, requests } = await mount({ 'POST /api/admin/users': { status: 201, body: sam } });
    type(element, 'staff-username', 'Sam');
    type(element, 'staff-password', 'short');
    await element.updateComplete;
    byTestId(element, 'staff-create')!.click();
    await eventually(() => expect(element.shadowRoot!.textContent).toContain('at least 12 characters'));
    expect(element.shadowRoot!.textContent).toContain('Enter the name colleagues know this person by.');
    expect(requests.some((r) => r.method === 'POST')).toBe(false);

    type(element, 'staff-username', 'sam.support');
    type(element, 'staff-display-name', 'Sam Support');
    byTestId(element, 'staff-generate-password')!.click();
    await element.updateComplete;
    const password = byTestId<HTMLInputElement>(element, 'staff-password')!.value;
    expect(password.replace(/-/g, '').length).toBeGreaterThanOrEqual(12);
    byTestId(element, 'staff-create')!.click();
    await eventually(() => expect(byTestId(element, 'act-result')?.textContent).toContain('sam.support'));
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ username: 'sam.support',
      displayName: 'Sam Support', role: 'helpdesk', password });
  });

  it('disables a user with a comment through the act dialog, and says the server\u2019s refusal there', async () => {
    let refuse = true;
    const { element, requests } = await mount({ 'POST /api/admin/users/helpdesk/disable': () => (refuse
      ? { status: 409, body: { code: 'INVALID_STATE', message: 'helpdesk is signing in right now' } }
      : { body: { ...hana, disabled: true } }) });
    byTestId(row(element, 'helpdesk'), 'staff-disable')!.click();
    await eventually(() => expect(byTestId<HTMLDialogElement>(element, 'act-dialog')?.open).toBe(true));
    const comment = byTestId<HTMLTextAreaElement>(element, 'act-comment')!;
    comment.value = 'left the company';
    comment.dispatchEvent(new Event('input'));
    byTestId(element, 'act-confirm')!.click();
    await eventually(() => expect(byTestId(element, 'act-error')?.textContent).toBe('Helpdesk is signing in right now.'));
    refuse = false;
    byTestId(element, 'act-confirm')!.click();
    await eventually(() => expect(byTestId(element, 'act-result')?.textContent).toBe('helpdesk is disabled.'));
    expect(requests.filter((r) => r.method === 'POST').at(-1)?.body).toEqual({ comment: 'left the company' });
  });

  it('enables a disabled user again', async () => {
    const { element, requests } = await mount({ 'POST /api/admin/users/helpdesk/enable': { body: hana } },
      [ada, { ...hana, disabled: true }]);
    expect(byTestId(row(element, 'helpdesk'), 'staff-status')?.textContent).toBe('Disabled');
    byTestId(row(element, 'helpdesk'), 'staff-enable')!.click();
    await eventually(() => expect(byTestId(element, 'act-result')?.textContent).toBe('helpdesk can sign in again.'));
    expect(requests.some((r) => r.url === '/api/admin/users/helpdesk/enable')).toBe(true);
  });

  it('resets a password to a generated one and shows it once', async () => {
    const { element, requests } = await mount({ 'POST /api/admin/users/helpdesk/password': { body: hana } });
    byTestId(row(element, 'helpdesk'), 'staff-reset-password')!.click();
    await element.updateComplete;
    byTestId(row(element, 'helpdesk'), 'staff-reset-confirm')!.click();
    await eventually(() => expect(byTestId(element, 'staff-new-password')).not.toBeNull());
    const sent = (requests.find((r) => r.method === 'POST')?.body as { password: string }).password;
    expect(sent.length).toBeGreaterThanOrEqual(12);
    expect(byTestId(element, 'staff-new-password')?.textContent).toContain(sent);
    (byTestId(element, 'staff-new-password')!.querySelector('button') as HTMLButtonElement).click();
    await element.updateComplete;
    expect(element.shadowRoot!.textContent).not.toContain(sent);
  });
});
