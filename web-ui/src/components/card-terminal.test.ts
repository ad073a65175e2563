// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_AID } from '../card-apdus';
import { allByTestId, byTestId } from '../console-test-backend';
import { FakeAgent, SIMULATED_READER } from '../terminal/fake-agent';
import type { CardTerminal } from './card-terminal';
import './card-terminal';

const AGENT_URL = 'ws://127.0.0.1:40001/';
const demoCard = () => ({ cardId: '0102030405060708', aid: DEMO_AID, balance: 1250, ca: 3, atc: 7 });

/** The terminal page on `agent`, as the browser opens it with `?agent=`. */
function mount(agent: FakeAgent, search = `?agent=${AGENT_URL}`): CardTerminal {
  vi.stubGlobal('WebSocket', agent.webSocket);
  const element = document.createElement('cardsync-terminal');
  element.search = search;
  document.body.append(element);
  return element;
}

const text = (element: Element | null) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

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
});
