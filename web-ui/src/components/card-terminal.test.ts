// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_AID } from '../card-apdus';
import { allByTestId, byTestId } from '../console-test-backend';
import { AgentClient } from '../agent-client';
import { FakeAgent, SIMULATED_READER } from '../terminal/fake-agent';
import { FakeServer } from '../terminal/fake-terminal-server';
import type { CardTerminal } from './card-terminal';
import './card-terminal';

const AGENT_URL = 'ws://127.0.0.1:40001/';
const demoCard = () => ({ cardId: '0102030405060708', aid: DEMO_AID, balance: 1250, ca: 3, atc: 7 });

/** The terminal page on `agent`, as the browser opens it with `?agent=`. */
function mount(agent: FakeAgent, search = `?agent=${AGENT_URL}`, server = new FakeServer(0)): CardTerminal {
  vi.stubGlobal('WebSocket', agent.webSocket);
  vi.stubGlobal('fetch', server.fetch);
  const element = document.createElement('cardsync-terminal');
  element.search = search;
  document.body.append(element);
  return element;
}

const text = (element: Element | null) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const button = (page: Element, testId: string) => byTestId<HTMLButtonElement>(page, testId)!;
/** Each synchronisation step as the page shows it: its key and its state. */
const steps = (page: Element) => Object.fromEntries(allByTestId(page, 'sync-step')
  .map((s) => [s.dataset.step, s.dataset.state]));

afterEach(() => {
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
});

describe('cardsync-terminal', () => {
  it('connected to an agent with the simulated card: says so, lists the reader and shows the card', async () => {
    const agent = new FakeAgent();
    agent.plug(SIMULATED_READER, demoCard(), true);
    const page = mount(agent);

    await vi.waitFor(() => expect(text(byTestId(page, 'card-id'))).toBe('0102030405060708'));
    const status = byTestId(page, 'agent-status')!;
    expect(status.dataset.state).toBe('connected');
    expect(text(status)).toBe('Connected to cardsync-bridge-agent 0.1.0 (simulated card available).');
    expect(allByTestId(page, 'reader-item').map((r) => r.dataset.reader)).toEqual([SIMULATED_READER]);
    expect(text(byTestId(page, 'card-balance'))).toBe('1250');
    expect(byTestId<HTMLButtonElement>(page, 'sync-button')!.disabled).toBe(false);
    expect(text(byTestId(page, 'sync-button'))).toBe('Synchronise card');
  });

  it('no agent: says it refused this origin or is not running, with the command that allows this page and the URL '
    + 'it looked at', async () => {
    const agent = new FakeAgent();
    agent.accepting = false;
    const page = mount(agent);

    await vi.waitFor(() => expect(byTestId(page, 'agent-status')?.dataset.state).toBe('unreachable'));
    expect(text(byTestId(page, 'agent-refused'))).toContain(`cardsync-agent allow-origin ${window.location.origin}`);
    expect(text(byTestId(page, 'agent-status'))).toContain(`Looked for it at ${AGENT_URL}`);
    expect(byTestId(page, 'reader-list')).toBeNull();
    expect(byTestId(page, 'card-panel')).toBeNull();

    agent.accepting = true;
    byTestId(page, 'agent-retry')!.click();
    await vi.waitFor(() => expect(byTestId(page, 'agent-status')?.dataset.state).toBe('connected'));
  });

  it('an ?agent= that is not a loopback agent: says why and looks for no agent', async () => {
    const agent = new FakeAgent();
    const page = mount(agent, '?agent=wss://agent.evil.example');
    await page.updateComplete;

    expect(byTestId(page, 'agent-status')?.dataset.state).toBe('unreachable');
    expect(text(byTestId(page, 'agent-config-error'))).toContain('?agent=wss://agent.evil.example is not the agent');
    expect(agent.attempts).toBe(0);
  });

  it('Remove card and Insert card: the events in words, the card absent then read again', async () => {
    const agent = new FakeAgent();
    agent.plug(SIMULATED_READER, demoCard(), true);
    const page = mount(agent);
    await vi.waitFor(() => expect(byTestId(page, 'card-id')).not.toBeNull());

    byTestId(page, 'sim-remove')!.click();
    await vi.waitFor(() => expect(byTestId(page, 'card-absent')).not.toBeNull());
    expect(text(byTestId(page, 'agent-event'))).toContain(`card absent from ${SIMULATED_READER}`);
    expect(text(byTestId(page, 'card-absent'))).toBe(`No card in ${SIMULATED_READER}. Insert your card.`);
    expect(byTestId(page, 'card-id')).toBeNull();
    expect(byTestId<HTMLButtonElement>(page, 'sync-button')!.disabled).toBe(true);

    byTestId(page, 'sim-insert')!.click();
    await vi.waitFor(() => expect(text(byTestId(page, 'card-id'))).toBe('0102030405060708'));
    expect(text(byTestId(page, 'agent-event'))).toContain(`card present in ${SIMULATED_READER}`);
    expect(allByTestId(page, 'agent-event')).toHaveLength(2);
  });

  it('several readers: asks which one the card is in', async () => {
    const agent = new FakeAgent(false);
    agent.plug('Reader A', null);
    agent.plug('Reader B', demoCard());
    const page = mount(agent);

    await vi.waitFor(() => expect(text(byTestId(page, 'card-no-reader'))).toBe('Choose the reader your card is in.'));
    expect(byTestId(page, 'sim-remove')).toBeNull();
  });

  it('the agent lost: says so and that operations stopped, and is connected again when it is back', async () => {
    const agent = new FakeAgent();
    agent.plug(SIMULATED_READER, demoCard(), true);
    const page = mount(agent);
    await vi.waitFor(() => expect(byTestId(page, 'card-id')).not.toBeNull());

    agent.accepting = false;
    agent.stop();
    await vi.waitFor(() => expect(byTestId(page, 'agent-status')?.dataset.state).toBe('lost'));
    expect(text(byTestId(page, 'agent-status'))).toContain('The connection to the agent was lost');
    expect(text(byTestId(page, 'agent-status'))).toContain('Any card operation in progress stopped');
    expect(byTestId(page, 'card-panel')).toBeNull();

    agent.accepting = true;
    await vi.waitFor(() => expect(text(byTestId(page, 'card-id'))).toBe('0102030405060708'), { timeout: 5000 });
  });

  it('Synchronise card: the button says it is at work, the steps advance as the card and the server answer, then the '
    + 'outcome and the card as read after the script, and the button is back', async () => {
    const agent = new FakeAgent();
    agent.plug(SIMULATED_READER, demoCard(), true);
    const server = new FakeServer(2);
    const page = mount(agent, undefined, server);
    await vi.waitFor(() => expect(text(byTestId(page, 'card-ca'))).toBe('3'));
    const release = server.holdRequests();

    button(page, 'sync-button').click();
    await vi.waitFor(() => expect(steps(page)['post-request']).toBe('running'));
    expect(steps(page)).toMatchObject({ connect: 'done', select: 'done', status: 'done', request: 'done',
      script: 'pending' });
    expect(text(button(page, 'sync-button'))).toBe('Synchronising\u2026');
    expect(button(page, 'sync-button').disabled).toBe(true);
    expect(button(page, 'read-card').disabled).toBe(true);
    expect(byTestId(page, 'sync-outcome')).toBeNull();

    release();
    await vi.waitFor(() => expect(text(button(page, 'sync-button'))).toBe('Synchronise card'));
    expect(button(page, 'sync-button').disabled).toBe(false);
    expect(Object.values(steps(page)).every((state) => state === 'done')).toBe(true);
    expect(text(byTestId(page, 'sync-applied'))).toBe('2 actions applied');
    expect(text(byTestId(page, 'card-ca'))).toBe('5'); // the card's own counter after it ran the two commands
    expect(byTestId(page, 'sync-error')).toBeNull();
  });

  it('another card in the reader than the one shown: Synchronise stops with CARD_CHANGED and shows that card',
    async () => {
      const agent = new FakeAgent();
      agent.plug(SIMULATED_READER, demoCard(), true);
      const server = new FakeServer(1);
      const page = mount(agent, undefined, server);
      await vi.waitFor(() => expect(text(byTestId(page, 'card-id'))).toBe('0102030405060708'));
      agent.plug(SIMULATED_READER, { ...demoCard(), cardId: '3132333435363738' }, true); // swapped unseen

      button(page, 'sync-button').click();
      await vi.waitFor(() => expect(text(byTestId(page, 'sync-error-code'))).toBe('CARD_CHANGED'));
      expect(text(byTestId(page, 'sync-error-message'))).toContain('3132333435363738');
      await vi.waitFor(() => expect(text(byTestId(page, 'card-id'))).toBe('3132333435363738'));
      expect(text(button(page, 'sync-button'))).toBe('Synchronise card');
      expect(server.posted).toEqual([]);
    });

  it('a reader another page holds: says so with the agent\u2019s code; Read card again reads it once that page let go',
    async () => {
      const agent = new FakeAgent();
      agent.plug(SIMULATED_READER, demoCard(), true);
      const otherTab = await AgentClient.open(AGENT_URL, { webSocket: agent.webSocket });
      await otherTab.connect(SIMULATED_READER);
      const page = mount(agent);

      await vi.waitFor(() => expect(text(byTestId(page, 'card-error'))).toContain('READER_BUSY'));
      expect(text(byTestId(page, 'card-error'))).toContain('in use by another page');
      expect(text(byTestId(page, 'reader-item'))).toContain('(in use by another page)');
      expect(byTestId(page, 'card-id')).toBeNull();

      await otherTab.disconnect();
      otherTab.close();
      agent.holdReplies();
      button(page, 'read-card').click();
      await vi.waitFor(() => expect(text(byTestId(page, 'card-reading'))).toBe('Reading the card\u2026'));
      expect(byTestId(page, 'card-error')).toBeNull();
      expect(button(page, 'read-card').disabled).toBe(true);
      agent.answerHeldReplies();
      await vi.waitFor(() => expect(text(byTestId(page, 'card-id'))).toBe('0102030405060708'));
      expect(byTestId(page, 'card-reading')).toBeNull();
      expect(button(page, 'read-card').disabled).toBe(false);
    });

  it('several readers: choosing one shows the card in it, choosing another shows that one\u2019s', async () => {
    const agent = new FakeAgent(false);
    agent.plug('Reader A', demoCard());
    agent.plug('Reader B', { ...demoCard(), cardId: '1112131415161718' });
    const page = mount(agent);
    await vi.waitFor(() => expect(byTestId(page, 'card-no-reader')).not.toBeNull());
    const choose = (reader: string) => byTestId(page, 'reader-item')!.parentElement!
      .querySelector<HTMLInputElement>(`[data-reader="${reader}"] input`)!.dispatchEvent(new Event('change'));

    choose('Reader B');
    await vi.waitFor(() => expect(text(byTestId(page, 'card-id'))).toBe('1112131415161718'));
    expect(byTestId(page, 'card-no-reader')).toBeNull();
    expect(text(byTestId(page, 'card-status-note'))).toContain('Reader B');

    choose('Reader A');
    await vi.waitFor(() => expect(text(byTestId(page, 'card-id'))).toBe('0102030405060708'));
  });

  it('Remove card when the agent stops before it answers: the buttons wait, then the failure is shown with its code '
    + 'once the agent is back', async () => {
    const agent = new FakeAgent();
    agent.plug(SIMULATED_READER, demoCard(), true);
    const page = mount(agent);
    await vi.waitFor(() => expect(byTestId(page, 'card-id')).not.toBeNull());
    agent.holdReplies();

    button(page, 'sim-remove').click();
    await vi.waitFor(() => expect(button(page, 'sim-remove').disabled).toBe(true));
    expect(button(page, 'sim-insert').disabled).toBe(true);
    agent.stop();
    agent.answerHeldReplies();

    await vi.waitFor(() => expect(text(byTestId(page, 'sim-error'))).toContain('CONNECTION_CLOSED'), { timeout: 3000 });
    expect(text(byTestId(page, 'sim-error'))).toContain('before it answered');
    // No longer waiting: the button that fits the simulated card's state is enabled again.
    expect([button(page, 'sim-remove'), button(page, 'sim-insert')].some((b) => !b.disabled)).toBe(true);
  });
});
