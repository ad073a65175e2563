/**
 * The connection policy for the bridge agent, as a Lit ReactiveController (STYLE.md: connection policy in
 * a controller, not in a view): find the agent, tell apart what the browser lets the page tell apart (not
 * running, permission needed or denied, a browser that cannot reach it), keep looking, and follow the
 * readers and the card in them. Display-free: views render {@link AgentConnection.state}.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { AgentClient, DEFAULT_AGENT_URL, type AgentRequests, type ReaderEvent, type ReaderInfo } from '../agent-client';
import { agentBlockedBy, queryLoopbackPermission, type LoopbackPermission, type PermissionsLike } from './browser-access';

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
  /** For tests: the browser around the page (the real one when absent). */
  browser?: BrowserSide;
}

/** What the connection policy reads of the browser. */
export interface BrowserSide {
  userAgent: string;
  protocol: string;
  hostname: string;
  maxTouchPoints: number;
  permissions: PermissionsLike | undefined;
  webSocket: typeof WebSocket;
}

function realBrowser(): BrowserSide {
  return {
    userAgent: navigator.userAgent,
    protocol: window.location.protocol,
    hostname: window.location.hostname,
    maxTouchPoints: navigator.maxTouchPoints,
    permissions: navigator.permissions,
    webSocket: WebSocket,
  };
}

/**
 * A page served under a loopback name is never asked (Local Network Access gates only more private targets).
 * IP literals are left to the permission: a policy may put an address in another space
 * (LocalNetworkAccessIpAddressSpaceOverrides, as the end-to-end tests do to make 127.0.0.1 a public origin).
 */
function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost');
}

export class AgentConnection implements ReactiveController {
  state: AgentState = 'looking';
  info: AgentRequests['hello']['reply'] | null = null;
  readers: ReaderInfo[] = [];
  client: AgentClient | null = null;
  /** The agent was reached on this browser before (so it is installed). */
  seenBefore = false;
  /** In state `unsupported-browser`: an iPhone or iPad (no agent there), or Safari on macOS over https. */
  blockedBy: 'ios' | 'safari' | null = null;
  /**
   * In state `permission-needed`: an attempt failed while the permission was still undecided (the customer
   * dismissed the question, or the agent is not running). The page waits for the permission to change or for
   * "Try again now" rather than asking again every few seconds.
   */
  promptFailed = false;

  private readonly url: string;
  private readonly browser: BrowserSide;
  private permission: LoopbackPermission = { supported: false };
  /** Connected while the permission said `prompt`: this browser does not ask this page, so it is no hindrance. */
  private promptIgnored = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private opening = false;
  private detached = true;

  constructor(private readonly host: ReactiveControllerHost, private readonly options: AgentConnectionOptions = {}) {
    this.url = options.url ?? DEFAULT_AGENT_URL;
    this.browser = options.browser ?? realBrowser();
    host.addController(this);
  }

  hostConnected(): void {
    this.detached = false;
    this.seenBefore = readSeen();
    this.blockedBy = agentBlockedBy(this.browser.userAgent, this.browser.protocol, this.browser.maxTouchPoints);
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
    this.permission = isLoopbackHost(this.browser.hostname)
      ? { supported: false } : await queryLoopbackPermission(this.browser.permissions);
    if (this.permission.supported) {
      // The user may answer the browser's question, or allow or block it in the site settings, while the page
      // is open. An attempt still held by the browser goes on by itself once they allow it.
      this.permission.status.addEventListener('change', () => {
        if (!this.client) {
          void this.connect();
        }
      });
    }
    await this.connect();
  }

  /** The permission as it bears on the agent: `granted` when the browser has none or does not ask this page. */
  private permissionNow(): PermissionState {
    return this.permission.supported && !this.promptIgnored ? this.permission.status.state : 'granted';
  }

  private async connect(): Promise<void> {
    clearTimeout(this.retryTimer);
    if (this.opening || this.client || this.detached) {
      return;
    }
    const permission = this.permissionNow();
    if (permission === 'denied') {
      // Opening the socket would fail without a word from the browser; say how to allow it instead.
      this.set('permission-denied');
      this.scheduleRetry(RETRY_MS);
      return;
    }
    const asking = permission === 'prompt';
    if (asking) {
      // The browser may ask its question now and holds the handshake until it is answered: the page explains
      // it first, and keeps explaining it (no "not running") for as long as the question may be up.
      this.promptFailed = false;
      this.set('permission-needed');
      await this.host.updateComplete;
    }
    this.opening = true;
    let client: AgentClient;
    try {
      client = await AgentClient.open(this.url,
        { webSocket: this.browser.webSocket, ...(asking ? { openTimeoutMs: null } : {}) });
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
    this.promptIgnored ||= asking && this.permissionNow() === 'prompt';
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
    const permission = this.permissionNow();
    if (permission === 'prompt') {
      // Asking again on a timer would put the browser's question up again and again: wait for the permission's
      // change event or the customer's "Try again now".
      this.promptFailed = true;
      this.set('permission-needed');
      return;
    }
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
