// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { ConsoleIssue } from './console-issue';
import { byTestId, eventually, fakeConsoleApi, type Answer } from '../../console-test-backend';
import './console-issue';

const products = [
  { aid: 'f04341524453594e4301', productName: 'City transit purse', currency: { code: 'EUR', minorUnits: 2 } },
  { aid: 'f04341524453594e4302', productName: 'Campus card', currency: { code: 'JPY', minorUnits: 0 } },
];

const personalisation = {
  format: 'cardsync-personalisation/1', cardId: '0a0b0c0d0e0f1011',
  applications: [{ aid: 'f04341524453594e4301', apdus: ['80100000aabbcc'] }], activationCode: 'ABCD-EFGH-JKLM',
};

async function mount(issueAnswer: Answer = { status: 201, body: personalisation }) {
  const fake = fakeConsoleApi({ 'GET /api/portal/products': { body: products }, 'POST /api/admin/cards': issueAnswer });
  const saved: { name: string; text: string }[] = [];
  const element = document.createElement('console-issue') as ConsoleIssue;
  element.api = fake.api;
  element.session = { username: 'admin', role: 'admin', displayName: null };
  element.saveFile = (name, text) => saved.push({ name, text });
  document.body.append(element);
  await eventually(() => expect(byTestId(element, 'issue-aid')?.querySelectorAll('option')).toHaveLength(3));
  return { element, saved, ...fake };
}

function type(element: Element, testId: string, value: string): void {
  const input = byTestId<HTMLInputElement | HTMLSelectElement>(element, testId)!;
  input.value = value;
  input.dispatchEvent(new Event(input.tagName === 'SELECT' ? 'change' : 'input'));
}

async function fillValid(element: ConsoleIssue): Promise<void> {
  type(element, 'issue-aid', 'f04341524453594e4301');
  await element.updateComplete;
  type(element, 'issue-purse-limit', '1000.50');
  type(element, 'issue-balance', '20');
  type(element, 'issue-pin', '1234');
  type(element, 'issue-pin-try-limit', '3');
  await element.updateComplete;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('console-issue', () => {
  it('warns before anything is issued that the file holds the card\u2019s keys and is not kept', async () => {
    const { element } = await mount();
    expect(byTestId(element, 'issue-warning')?.textContent).toMatch(/keys.*cannot be downloaded again.*Load it onto the card/s);
  });

  it('says what is wrong beside each field and sends nothing', async () => {
    const { element, requests } = await mount();
    type(element, 'issue-card-id', '12345');
    type(element, 'issue-pin', '12a');
    type(element, 'issue-purse-limit', '10');
    type(element, 'issue-balance', '20');
    await element.updateComplete;
    byTestId(element, 'issue-submit')!.click();
    await eventually(() => expect(element.shadowRoot!.querySelectorAll('[aria-invalid="true"]').length).toBe(4));
    const text = element.shadowRoot!.textContent!;
    expect(text).toContain('A card id is 16 hexadecimal digits');
    expect(text).toContain('Choose the product of this application.');
    expect(text).toContain('The PIN is 4 to 8 digits.');
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('issues in minor units of the product\u2019s currency, shows the activation code and offers the file exactly once', async () => {
    const { element, requests, saved } = await mount();
    await fillValid(element);
    byTestId(element, 'issue-submit')!.click();
    await eventually(() => expect(byTestId(element, 'issue-download')).not.toBeNull());
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ applications: [{ aid: 'f04341524453594e4301',
      purseLimit: 100050, balance: 2000, pin: '1234', pinTryLimit: 3 }] });
    expect(byTestId(element, 'issue-activation-code')?.textContent).toBe('ABCD-EFGH-JKLM');
    expect(byTestId(element, 'issue-warning')?.textContent).toContain('cannot be downloaded again');
    const leaving = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(leaving);
    expect(leaving.defaultPrevented).toBe(true); // closing the tab now would lose the card's keys: the browser asks
    expect(element.leaveQuestion()).toMatch(/not been downloaded.*lost.*issued again/s); // the shell asks this
    expect(byTestId(element, 'issue-leave-warning')?.textContent).toMatch(/leaving.*throws it away/s);
    byTestId(element, 'issue-download')!.click();
    await element.updateComplete;
    const leavingAfter = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(leavingAfter);
    expect(leavingAfter.defaultPrevented).toBe(false);
    expect(element.leaveQuestion()).toBeNull();
    expect(saved).toHaveLength(1);
    expect(saved[0].name).toBe('cardsync-personalisation-0a0b0c0d0e0f1011.json');
    expect(JSON.parse(saved[0].text)).toEqual(personalisation);
    expect(byTestId(element, 'issue-download')).toBeNull();
    expect(byTestId(element, 'issue-downloaded')?.textContent).toMatch(/no longer\s+holds it/);
  });

  it('sends the owner and a drawn card id, and says the server\u2019s sentence when it refuses the owner', async () => {
    const { element, requests } = await mount({ status: 400,
      body: { code: 'INVALID_REQUEST', message: 'no customer account named bob2' } });
    byTestId(element, 'issue-random-card-id')!.click();
    type(element, 'issue-owner', ' bob2 ');
    await fillValid(element);
    byTestId(element, 'issue-submit')!.click();
    await eventually(() => expect(byTestId(element, 'issue-error')?.textContent).toBe('No customer account named bob2.'));
    const body = requests.find((r) => r.method === 'POST')?.body as { cardId: string; owner: string };
    expect(body.owner).toBe('bob2');
    expect(body.cardId).toMatch(/^[0-9a-f]{16}$/);
  });
});
