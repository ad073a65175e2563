/**
 * The developers' terminal page's connection to the bridge agent, as a Lit ReactiveController (STYLE.md:
 * connection policy in a controller, not in a view): look for the agent at the page's agent URL, say whether
 * the page is connecting, connected, or has found none (unreachable) or lost it, look again (soon after a
 * loss, every few seconds otherwise), and keep the agent's readers and its latest reader events.
 *
 * Simpler than the portal's agent/agent-connection.ts on purpose: this page is for developers and the
 * end-to-end tests, so it tells apart only what any browser lets a page tell apart, and names the agent's
 * URL and the command that allows the page's origin. Display-free: the page renders these fields.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  AgentClient, AgentError, DEFAULT_AGENT_URL, type AgentRequests, type ReaderEvent, type ReaderInfo,
} from '../agent-client';
import { CardOperationError } from '../card-sync';

export type TerminalAgentState = 'connecting' | 'connected' | 'unreachable' | 'lost';

/** A failure as the page shows it: its code and a message for people. */
export interface ShownError {
  code: string;
  message: string;
}

export interface LoggedEvent {
  /** The browser's local time it came in. */
  at: string;
  event: ReaderEvent;
}

/** What the card session hears of the agent. */
export interface TerminalAgentListener {
  /** Greeted by a new agent connection: whatever was known of readers and cards came from an earlier one. */
  agentConnected(): void;
  /** The agent did not answer or its socket closed. */
  agentGone(): void;
  /** A reader or card event, after it was logged. */
  readerEvent(event: ReaderEvent): void;
}

/** How long the page waits before it looks for the agent again. */
const RETRY_MS = 3000;
const RETRY_AFTER_LOSS_MS = 500;
/** Recent events kept on the page. */
const MAX_EVENTS = 8;

export class TerminalAgentConnection implements ReactiveController {
  state: TerminalAgentState = 'connecting';
  info: AgentRequests['hello']['reply'] | null = null;
  /** The page's `?agent=` or `?aid=` cannot be used: said instead of looking for the agent. */
  configError: string | null = null;
  url = DEFAULT_AGENT_URL;
  readers: ReaderInfo[] = [];
  /** The latest reader and card events, newest first. */
  events: LoggedEvent[] = [];
  client: AgentClient | null = null;
  /** A sim-insert or sim-remove is under way. */
  simBusy = false;
  simError: ShownError | null = null;

  private readonly listeners = new Set<TerminalAgentListener>();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private opening = false;
  private detached = false;

  constructor(private readonly host: ReactiveControllerHost,
    /** For tests: the WebSocket constructor (the browser's when absent). */
    private readonly webSocket?: typeof WebSocket) {
    host.addController(this);
  }

  listen(listener: TerminalAgentListener): void {
    this.listeners.add(listener);
  }

  hostConnected(): void {
    this.detached = false;
  }

  hostDisconnected(): void {
    this.detached = true;
    clearTimeout(this.retryTimer);
    this.client?.close();
    this.client = null;
  }

  /** Starts looking for the agent at `url`. */
  start(url: string): void {
    this.url = url;
    void this.connect();
  }

  /** The page's query cannot be used: no agent is looked for, and the page says why. */
  refuseConfig(message: string): void {
    this.configError = message;
    this.set('unreachable');
  }

  /** Looks for the agent again now (the "Try now" button). */
  retryNow(): void {
    void this.connect();
  }

  /** Lists the readers again; false when there is no agent to ask. */
  async refreshReaders(): Promise<boolean> {
    const client = this.client;
    if (!client) {
      return false;
    }
    this.readers = (await client.listReaders()).readers;
    this.host.requestUpdate();
    return true;
  }

  /** Pulls the simulated card out of its reader or puts it back (the agent's `--simulated-card`). */
  async simulate(what: 'insert' | 'remove'): Promise<void> {
    const client = this.client;
    if (!client) {
      return;
    }
    this.simBusy = true;
    this.simError = null;
    this.host.requestUpdate();
    try {
      await (what === 'insert' ? client.simInsert() : client.simRemove());
    } catch (e) {
      this.simError = e instanceof AgentError ? e : CardOperationError.from(e);
    } finally {
      this.simBusy = false;
      this.host.requestUpdate();
    }
  }

  private async connect(): Promise<void> {
    clearTimeout(this.retryTimer);
    if (this.opening || this.client) {
      return;
    }
    this.opening = true;
    let client: AgentClient;
    try {
      client = await AgentClient.open(this.url, { webSocket: this.webSocket });
    } catch {
      // Not running, or running and refusing this origin: a page cannot tell the two apart.
      this.gone('unreachable');
      return;
    } finally {
      this.opening = false;
    }
    if (this.detached) {
      client.close();
      return;
    }
    this.client = client;
    client.onEvent((event) => this.onReaderEvent(event));
    client.onClose(() => {
      if (this.client === client) {
        this.client = null;
        this.gone('lost');
      }
    });
    try {
      this.info = await client.hello();
    } catch {
      client.close(); // an agent that cannot say hello is no agent to work with; try again later
      return;
    }
    this.set('connected');
    this.listeners.forEach((l) => l.agentConnected());
  }

  /**
   * The agent did not answer (unreachable) or its socket closed (lost). What it said of readers and cards holds
   * only on a live connection, so it is forgotten.
   */
  private gone(how: 'unreachable' | 'lost'): void {
    this.info = null;
    this.readers = [];
    this.set(how);
    this.listeners.forEach((l) => l.agentGone());
    if (!this.detached) {
      // Lost: the agent may be restarting, look again soon; unreachable: every few seconds.
      this.retryTimer = setTimeout(() => void this.connect(), how === 'lost' ? RETRY_AFTER_LOSS_MS : RETRY_MS);
    }
  }

  private onReaderEvent(event: ReaderEvent): void {
    const at = new Date().toLocaleTimeString();
    this.events = [{ at, event }, ...this.events].slice(0, MAX_EVENTS);
    this.host.requestUpdate();
    this.listeners.forEach((l) => l.readerEvent(event));
  }

  private set(state: TerminalAgentState): void {
    this.state = state;
    this.host.requestUpdate();
  }
}
