/**
 * The connection policy for the bridge agent, as a Lit ReactiveController (STYLE.md: connection policy in
 * a controller, not in a view): find the agent, tell apart what the browser lets the page tell apart (not
 * running, permission needed or denied, a browser that cannot reach it), keep looking, and follow the
 * readers and the card in them. Display-free: views render {@link AgentConnection.state}.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { AgentClient, DEFAULT_AGENT_URL, type AgentRequests, type ReaderEvent, type ReaderInfo } from '../agent-client';
import { agentBlockedBy, queryLoopbackPermission, type LoopbackPermission } from './browser-access';

/** The `data-agent-state` values of the contract, plus `looking` before the first answer. */
export type AgentState =
  | 'looking' | 'connected' | 'not-running' | 'permission-needed' | 'permission-denied' | 'unsupported-browser';

const RETRY_MS = 3000;
const RETRY_AFTER_LOSS_MS = 500;
/** Remembered across visits: an agent seen once on this browser is installed, so "not running" it is. */
const SEEN_KEY = 'cardsync.agent-seen';

export interface AgentConnectionOptions {
  url?: string;
  onCardInserted?(reader: string): void;
  onCardRemoved?(reader: string): void;
  onConnected?(): void;
}

export class AgentConnection implements ReactiveController {
  state: AgentState = 'looking';
  info: AgentRequests['hello']['reply'] | null = null;
  readers: ReaderInfo[] = [];
  client: AgentClient | null = null;
  /** The agent was reached on this browser before (so it is installed). */
  seenBefore = false;
  /** The loopback permission's state, when the browser has one; null otherwise. */
  permissionState: PermissionState | null = null;
  /** In state `unsupported-browser`: an iPhone or iPad (no agent there), or Safari on macOS over https. */
  blockedBy: 'ios' | 'safari' | null = null;

  private readonly url: string;
  private permission: LoopbackPermission = { supported: false };
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private opening = false;
  private detached = true;

  constructor(private readonly host: ReactiveControllerHost, private readonly options: AgentConnectionOptions = {}) {
    this.url = options.url ?? DEFAULT_AGENT_URL;
    host.addController(this);
  }

  hostConnected(): void {
    this.detached = false;
    this.seenBefore = readSeen();
    this.blockedBy = agentBlockedBy(navigator.userAgent, window.location.protocol, navigator.maxTouchPoints);
    if (this.blockedBy) {
      this.set('unsupported-browser');
      return;
    }
    void this.start();
  }

  hostDisconnected(): void {
    this.detached = true;
    clearTimeout(this.retryTimer);
    this.client?.close();
    this.client = null;
  }

  /** The reader holding a card: the simulated one or the first with a card present. */
  get cardReader(): ReaderInfo | undefined {
    return this.readers.find((r) => r.cardPresent);
  }

  /** Looks for the agent again now (the "Try again" button; after the user allowed the permission). */
  retryNow(): void {
    void this.connect();
  }

  async simulate(what: 'insert' | 'remove'): Promise<void> {
    const client = this.client;
    if (client) {
      await (what === 'insert' ? client.simInsert() : client.simRemove());
    }
  }

  private async start(): Promise<void> {
    this.permission = await queryLoopbackPermission();
    if (this.permission.supported) {
      // The user may allow or block it in the site settings while the page is open.
      this.permission.status.addEventListener('change', () => {
        this.explainPrompt = true;
        if (!this.client) {
          void this.connect();
        }
      });
    }
    await this.connect();
  }

  /**
   * Whether the next attempt shows the permission explanation: the first one, and the first after the
   * permission changed. Later retries (every few seconds while the agent is not running) do not, or an
   * origin the browser never asks about (the page on localhost) would flicker between two explanations.
   */
  private explainPrompt = true;

  private async connect(): Promise<void> {
    clearTimeout(this.retryTimer);
    if (this.opening || this.client || this.detached) {
      return;
    }
    const permission = this.permission.supported ? this.permission.status.state : 'granted';
    this.permissionState = this.permission.supported ? permission : null;
    if (permission === 'denied') {
      // Opening the socket would fail without a word from the browser; say how to allow it instead.
      this.set('permission-denied');
      this.scheduleRetry(RETRY_MS);
      return;
    }
    if (permission === 'prompt' && this.explainPrompt) {
      // The browser may show its prompt now: the page explains it first, while the prompt is up.
      this.explainPrompt = false;
      this.set('permission-needed');
      await this.host.updateComplete;
    }
    this.opening = true;
    let client: AgentClient;
    try {
      client = await AgentClient.open(this.url);
    } catch {
      this.opening = false;
      this.onGone(RETRY_MS);
      return;
    }
    this.opening = false;
    if (this.detached) {
      client.close();
      return;
    }
    this.client = client;
    client.onEvent((event) => void this.onReaderEvent(event));
    client.onClose(() => {
      if (this.client === client) {
        this.client = null;
        this.onGone(RETRY_AFTER_LOSS_MS);
      }
    });
    try {
      this.info = await client.hello();
      await this.refreshReaders();
    } catch {
      client.close(); // an agent that cannot say hello is no agent to work with; look again later
      return;
    }
    rememberSeen();
    this.seenBefore = true;
    this.set('connected');
    this.options.onConnected?.();
    const reader = this.cardReader;
    if (reader) {
      this.options.onCardInserted?.(reader.name);
    }
  }

  private onGone(retryMs: number): void {
    this.info = null;
    this.readers = [];
    const permission = this.permission.supported ? this.permission.status.state : 'granted';
    this.set(permission === 'denied' ? 'permission-denied' : 'not-running');
    this.scheduleRetry(retryMs);
  }

  private scheduleRetry(ms: number): void {
    if (!this.detached) {
      this.retryTimer = setTimeout(() => void this.connect(), ms);
    }
  }

  private async refreshReaders(): Promise<void> {
    if (this.client) {
      this.readers = (await this.client.listReaders()).readers;
      this.host.requestUpdate();
    }
  }

  private async onReaderEvent(event: ReaderEvent): Promise<void> {
    try {
      await this.refreshReaders();
    } catch {
      return; // the socket closed meanwhile: onClose takes it from here
    }
    if (event.event === 'card-inserted') {
      this.options.onCardInserted?.(event.reader);
    } else if (event.event === 'card-removed' || event.event === 'reader-removed') {
      this.options.onCardRemoved?.(event.reader);
    }
  }

  private set(state: AgentState): void {
    this.state = state;
    this.host.requestUpdate();
  }
}

function readSeen(): boolean {
  try {
    return window.localStorage.getItem(SEEN_KEY) === 'yes';
  } catch {
    return false; // storage disabled: the page just cannot tell
  }
}

function rememberSeen(): void {
  try {
    window.localStorage.setItem(SEEN_KEY, 'yes');
  } catch {
    // storage disabled: nothing to remember with
  }
}
