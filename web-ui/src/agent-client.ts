/**
 * A typed client of the bridge agent's WebSocket protocol, version 1. Its wire types are generated from
 * docs/agent-protocol.schema.json, the contract the agent's tests hold the Java to (docs/web-ui.md).
 *
 * Envelope: `{"v":1,"id":"<string>","type":"<request type>","payload":{...}}`. A reply carries the
 * request's id and type; a refusal is `type:"error"` with `payload:{code,message}` (and the request's id
 * when the agent could read it); an unsolicited event is `type:"event"` with `payload:{event,reader}`.
 */

import type * as Wire from './generated/agent-protocol';

/**
 * The agent's port on 127.0.0.1 unless it runs with --port: `$defs.DefaultPort` of docs/agent-protocol.schema.json,
 * which the agent's AgentProtocolSchemaTest holds to AgentOptions.DEFAULT_PORT and agent-client.test.ts to this.
 */
const DEFAULT_AGENT_PORT = 24511;
export const DEFAULT_AGENT_URL = `ws://127.0.0.1:${DEFAULT_AGENT_PORT}`;

/**
 * The protocol version the page speaks: the `v` of every message in docs/agent-protocol.schema.json. Should the
 * schema's `v` change, for any message, the type is `never` and this line fails to compile.
 */
export const PROTOCOL_VERSION: [Wire.AgentProtocol['v']] extends [1] ? 1 : never = 1;

/** Error codes the agent puts on the wire: a closed set a page can switch on (docs/agent-protocol.schema.json). */
export type AgentWireErrorCode = Wire.ErrorCode;

/** Errors this client raises itself, for things that happen before or around the agent's answer. */
export type AgentLocalErrorCode =
  /** The socket did not open: the agent is not running, or it refused this page's origin (a browser cannot tell which). */
  | 'AGENT_UNREACHABLE'
  /** The socket closed while a request waited for its reply. */
  | 'CONNECTION_CLOSED'
  /** No reply within the request's time limit. */
  | 'TIMEOUT'
  /** The agent sent something this client cannot read. */
  | 'PROTOCOL_ERROR';

export type AgentErrorCode = AgentWireErrorCode | AgentLocalErrorCode;

/** A refused or failed agent request: a code to switch on and a message for people. */
export class AgentError extends Error {
  readonly code: AgentErrorCode;
  /** Extra fields of the error payload, e.g. `responses` of a transmit-batch that stopped half-way. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: AgentErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'AgentError';
    this.code = code;
    this.details = details;
  }
}

export type ReaderInfo = Wire.ReaderInfo;
export type ApduResponse = Wire.ApduResponse;
export type AgentRequestType = Wire.RequestMessage['type'];
export type ReaderEventType = Wire.ReaderEventType;
export type ReaderEvent = Wire.EventPayload;

/** The schema's request message of each type. */
type RequestMessages = { [M in Wire.RequestMessage as M['type']]: M };

/**
 * The schema's request message of type T (the fields every request message has: v, id, type, payload), as a
 * mapped type: tsc checks an object of a generic type against this one field by field, where against
 * `RequestMessages[T]` itself it could not.
 */
type RequestMessageOf<T extends AgentRequestType> = Pick<RequestMessages[T], keyof Wire.RequestMessage>;

/** Request payload and reply payload of every request type, as the schema pairs them by `type`. */
export type AgentRequests = {
  [T in AgentRequestType]: {
    request: NonNullable<RequestMessages[T]['payload']>;
    reply: Extract<Wire.Reply, { type: T }>['payload'];
  };
};

export interface AgentClientOptions {
  /**
   * Time limit for the socket to open (5 s when absent); null for none, while the browser holds the handshake
   * until its user answers a permission question (the socket closes by itself if they block it).
   */
  openTimeoutMs?: number | null;
  /** Default time limit of a request; transmit-batch gets more per APDU. */
  requestTimeoutMs?: number;
  /** For tests: the WebSocket constructor. */
  webSocket?: typeof WebSocket;
}

interface Pending {
  resolve: (payload: unknown) => void;
  reject: (error: AgentError) => void;
  timer: ReturnType<typeof setTimeout>;
  type: AgentRequestType;
}

/** Every request type, once: a type added to the schema fails to compile here until the client knows it. */
const REQUEST_TYPES: Readonly<Record<AgentRequestType, true>> = {
  hello: true,
  'list-readers': true,
  connect: true,
  transmit: true,
  'transmit-batch': true,
  disconnect: true,
  'sim-insert': true,
  'sim-remove': true,
};

/**
 * The loopback addresses the agent listens on. A page takes its agent URL from the query string, so
 * anything else is refused: a link to the portal with `?agent=wss://evil.example` must not send the
 * card's scripts to someone else's server or let it answer in the card's place.
 */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The agent URL for this page: `?agent=ws://127.0.0.1:PORT` when given and on loopback, else the default. */
export function agentUrlFromQuery(search: string): string {
  const wanted = new URLSearchParams(search).get('agent');
  if (!wanted) {
    return DEFAULT_AGENT_URL;
  }
  let url: URL;
  try {
    url = new URL(wanted);
  } catch {
    throw new AgentError('AGENT_UNREACHABLE', `?agent=${wanted} is not a URL; expected ws://127.0.0.1:PORT`);
  }
  if (url.protocol !== 'ws:' || !LOOPBACK_HOSTS.has(url.hostname) || (url.pathname !== '/' && url.pathname !== '')) {
    throw new AgentError('AGENT_UNREACHABLE',
      `?agent=${wanted} is not the agent: it listens on ws://127.0.0.1:PORT/ (or localhost, [::1]) only`);
  }
  return `ws://${url.host}/`;
}

/**
 * One WebSocket to the agent. Each request gets a promise that settles with its reply's payload or
 * rejects with an {@link AgentError}; events go to listeners. When the socket closes, every waiting
 * request rejects with CONNECTION_CLOSED and the close listeners run: the client is then spent, and a
 * new one is opened with {@link AgentClient.open}.
 */
export class AgentClient {
  readonly url: string;
  private readonly socket: WebSocket;
  private readonly requestTimeoutMs: number;
  private readonly pending = new Map<string, Pending>();
  private readonly eventListeners = new Set<(event: ReaderEvent) => void>();
  private readonly closeListeners = new Set<(reason: string) => void>();
  private nextId = 0;
  private closed = false;

  private constructor(url: string, socket: WebSocket, requestTimeoutMs: number) {
    this.url = url;
    this.socket = socket;
    this.requestTimeoutMs = requestTimeoutMs;
    socket.addEventListener('message', (e) => this.handleMessage(e));
    socket.addEventListener('close', (e) => this.handleClose(e.code === 1000 ? 'closed' : `closed (code ${e.code})`));
  }

  /**
   * Opens a socket to the agent. Rejects with AGENT_UNREACHABLE when it does not open: a refused
   * handshake (origin not allowed) and no agent at all look the same to a page, by browser design.
   */
  static open(url: string = DEFAULT_AGENT_URL, options: AgentClientOptions = {}): Promise<AgentClient> {
    const openTimeoutMs = options.openTimeoutMs ?? 5000;
    const requestTimeoutMs = options.requestTimeoutMs ?? 15000;
    const Socket = options.webSocket ?? WebSocket;
    return new Promise((resolve, reject) => {
      let socket: WebSocket;
      try {
        socket = new Socket(url);
      } catch (e) {
        reject(new AgentError('AGENT_UNREACHABLE', `cannot open ${url}: ${e instanceof Error ? e.message : String(e)}`));
        return;
      }
      const unreachable = (why: string) => {
        clearTimeout(timer);
        socket.removeEventListener('open', onOpen);
        reject(new AgentError('AGENT_UNREACHABLE', `no agent answered on ${url} (${why})`));
      };
      const timer = openTimeoutMs === null ? undefined : setTimeout(() => {
        socket.close();
        unreachable('timed out');
      }, openTimeoutMs);
      const onOpen = () => {
        clearTimeout(timer);
        socket.removeEventListener('close', onEarlyClose);
        resolve(new AgentClient(url, socket, requestTimeoutMs));
      };
      const onEarlyClose = () => unreachable('connection refused or handshake rejected');
      socket.addEventListener('open', onOpen);
      socket.addEventListener('close', onEarlyClose, { once: true });
    });
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Sends a request; the promise settles with the reply's payload or rejects with an AgentError. */
  request<T extends AgentRequestType>(
    type: T,
    payload: AgentRequests[T]['request'],
    timeoutMs: number = this.defaultTimeout(type, payload),
  ): Promise<AgentRequests[T]['reply']> {
    if (this.closed) {
      return Promise.reject(new AgentError('CONNECTION_CLOSED', 'the connection to the agent is closed'));
    }
    const id = String(++this.nextId);
    return new Promise<AgentRequests[T]['reply']>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new AgentError('TIMEOUT', `the agent did not answer "${type}" within ${Math.round(timeoutMs / 1000)} s`));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (p: unknown) => void, reject, timer, type });
      const message: RequestMessageOf<T> = { v: PROTOCOL_VERSION, id, type, payload };
      this.socket.send(JSON.stringify(message));
    });
  }

  hello() {
    return this.request('hello', {});
  }

  listReaders() {
    return this.request('list-readers', {});
  }

  connect(reader: string) {
    return this.request('connect', { reader });
  }

  transmit(apdu: string) {
    return this.request('transmit', { apdu });
  }

  transmitBatch(apdus: string[], acceptSw: string[] = ['9000']) {
    return this.request('transmit-batch', { apdus, acceptSw });
  }

  disconnect(reset = true) {
    return this.request('disconnect', { reset });
  }

  simInsert() {
    return this.request('sim-insert', {});
  }

  simRemove() {
    return this.request('sim-remove', {});
  }

  /** Listens to reader and card events; returns the function that stops listening. */
  onEvent(listener: (event: ReaderEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Runs once the socket has closed, for whatever reason; returns the function that stops listening. */
  onClose(listener: (reason: string) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  close(): void {
    this.socket.close(1000);
    this.handleClose('closed by the page');
  }

  private defaultTimeout(type: AgentRequestType, payload: unknown): number {
    if (type === 'transmit-batch') {
      // A card may take a while per command (EXECUTE writes EEPROM); a batch has at most 255.
      const count = (payload as { apdus?: unknown[] }).apdus?.length ?? 1;
      return this.requestTimeoutMs + count * 2000;
    }
    return this.requestTimeoutMs;
  }

  private handleMessage(e: MessageEvent): void {
    let message: unknown;
    try {
      message = typeof e.data === 'string' ? JSON.parse(e.data) : undefined;
    } catch {
      message = undefined;
    }
    if (!isObject(message) || message.v !== PROTOCOL_VERSION || typeof message.type !== 'string') {
      console.warn('cardsync: unreadable message from the agent', e.data);
      return;
    }
    const payload = isObject(message.payload) ? message.payload : {};
    if (message.type === 'event') {
      if (typeof payload.event === 'string' && typeof payload.reader === 'string') {
        const event: ReaderEvent = { event: payload.event as ReaderEventType, reader: payload.reader };
        this.eventListeners.forEach((listener) => listener(event));
      }
      return;
    }
    if (typeof message.id !== 'string') {
      // An error the agent could not tie to a request: only a message this client never sends causes one.
      console.warn('cardsync: agent error without request id', payload);
      return;
    }
    const waiting = this.pending.get(message.id);
    if (!waiting) {
      return; // its request timed out already
    }
    this.pending.delete(message.id);
    clearTimeout(waiting.timer);
    if (message.type === 'error') {
      const { code, message: text, ...details } = payload;
      waiting.reject(new AgentError(
        typeof code === 'string' ? (code as AgentErrorCode) : 'PROTOCOL_ERROR',
        typeof text === 'string' ? text : 'the agent refused the request without saying why',
        details,
      ));
    } else if (message.type === waiting.type && Object.hasOwn(REQUEST_TYPES, message.type)) {
      waiting.resolve(payload);
    } else {
      waiting.reject(new AgentError('PROTOCOL_ERROR',
        `the agent answered "${waiting.type}" with a "${message.type}" message`));
    }
  }

  private handleClose(reason: string): void {
    if (this.closed) {
      return;
    }
    this.closed = true;
    for (const [id, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      waiting.reject(new AgentError('CONNECTION_CLOSED', `the connection to the agent ${reason} before it answered`));
      this.pending.delete(id);
    }
    this.closeListeners.forEach((listener) => listener(reason));
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
