/**
 * What the terminal page does with a card, without any display: read its status, and run a whole
 * synchronisation session (docs/web-ui.md, "Synchronise card"; docs/protocol.md 4 and 9.1).
 *
 * Every operation connects to the reader, reads the card's identity on that connection (SELECT, GET
 * STATUS) before anything else, and lets the reader go at the end. Holding a reader only while working
 * leaves it free for other tabs, and means no card message is ever relayed over a connection whose card
 * the page has not identified: a reader that was unplugged and plugged back, or a card swapped in the
 * meantime, is read afresh (ARCHITECTURE section 6).
 */
import { AgentError, type AgentClient } from './agent-client';
import {
  ACK_APDU,
  CardResponseFormatError,
  CardStatusWordError,
  GET_STATUS_APDU,
  dataOf,
  describeSw,
  parseCardStatus,
  randomUnpredictableNumber,
  requestSyncApdu,
  selectApdu,
  type CardStatus,
} from './card-apdus';
import {
  TerminalApiError, type ScriptCommand, type Settlement, type TerminalAnswer, type TerminalApi,
} from './terminal-api';

/** The agent requests a card operation uses. */
export type CardAgent = Pick<AgentClient, 'connect' | 'transmit' | 'transmitBatch' | 'disconnect'>;

/** The backend calls a synchronisation uses. */
export type TerminalBackend = Pick<TerminalApi, 'request' | 'ack'>;

/** A card operation failed: a code to show and a message for people. */
export class CardOperationError extends Error {
  readonly code: string;
  /**
   * How far a script got before it was cut (card pulled out, agent gone), when it was: the commands that reached
   * the card, in script order, counting one the card was pulled out during.
   */
  readonly progress: { scriptReached: number; scriptLength: number } | null;

  constructor(code: string, message: string, progress: { scriptReached: number; scriptLength: number } | null = null) {
    super(message);
    this.name = 'CardOperationError';
    this.code = code;
    this.progress = progress;
  }

  /** The same failure whatever threw it: agent refusals, server refusals, card status words. */
  static from(e: unknown): CardOperationError {
    if (e instanceof CardOperationError) {
      return e;
    }
    if (e instanceof AgentError || e instanceof TerminalApiError) {
      return new CardOperationError(e.code, e.message);
    }
    if (e instanceof CardStatusWordError) {
      return new CardOperationError('CARD_REFUSED', e.message);
    }
    if (e instanceof CardResponseFormatError) {
      return new CardOperationError('CARD_ANSWER_UNREADABLE', e.message);
    }
    return new CardOperationError('INTERNAL_ERROR', e instanceof Error ? e.message : String(e));
  }
}

export type SyncStepKey =
  | 'connect' | 'select' | 'status' | 'request' | 'post-request' | 'script' | 'ack' | 'post-ack' | 'reread';

export type SyncStepState = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

export interface SyncStep {
  key: SyncStepKey;
  label: string;
  state: SyncStepState;
  detail: string;
}

/** The steps of a synchronisation, in order, all pending. */
export function syncSteps(): SyncStep[] {
  const step = (key: SyncStepKey, label: string): SyncStep => ({ key, label, state: 'pending', detail: '' });
  return [
    step('connect', 'Connect to the reader'),
    step('select', 'Select the application on the card'),
    step('status', 'Read the card\u2019s identity and status'),
    step('request', 'Ask the card for a signed request'),
    step('post-request', 'Send the request to the server'),
    step('script', 'Run the server\u2019s script on the card'),
    step('ack', 'Ask the card for a signed acknowledgement'),
    step('post-ack', 'Send the acknowledgement to the server'),
    step('reread', 'Read the card\u2019s status again'),
  ];
}

export interface SyncOutcome {
  /** Actions the server counts as executed on the card's signed ACK (the counter's word, not the terminal's). */
  applied: number;
  /** What the REQUEST settled (a previous session whose ACK was lost). */
  requestSettlement: Settlement | null;
  /** What the ACK settled: this session's actions. */
  ackSettlement: Settlement | null;
  /** Commands in the server's script. */
  scriptLength: number;
  /** The server has more actions waiting beyond this script. */
  morePending: boolean;
  /** Commands the card accepted with 9000 (a display hint). */
  cardAccepted: number;
  /** The status word of the command the card refused, if any (a display hint). */
  cardRefusal: string | null;
  /** The script's commands (action ids and types, for the progress in words). */
  commands: ScriptCommand[];
  before: CardStatus;
  after: CardStatus;
}

export type StepListener = (key: SyncStepKey, state: SyncStepState, detail?: string) => void;

/**
 * Optional hooks on the script: how to cut it into batches (the portal sends one batch per customer-visible
 * change, so it can say which change is on the card), and what the card accepted so far. The card's 9000s
 * are display hints only: the server settles on the signed ACK.
 */
export interface ScriptObserver {
  /** Consecutive, in-order batches covering the script; one batch when absent. */
  split?(commands: ScriptCommand[]): ScriptCommand[][];
  /** The server's script, before anything is sent to the card. */
  onScript?(commands: ScriptCommand[]): void;
  /** The action ids of the commands the card has accepted so far (all of them, each time). */
  onAccepted?(actionIds: number[]): void;
}

/**
 * Connects, selects the application and reads the card's status on that connection. The caller must
 * let the reader go ({@link release}).
 */
export async function openAndIdentify(agent: CardAgent, reader: string, aid: string,
  step: StepListener = () => {}): Promise<CardStatus> {
  step('connect', 'running');
  const connected = await agent.connect(reader);
  step('connect', 'done', `ATR ${connected.atr}`);

  step('select', 'running');
  dataOf(`SELECT ${aid}`, (await agent.transmit(selectApdu(aid))).response);
  step('select', 'done', `AID ${aid}`);

  step('status', 'running');
  const status = parseCardStatus(dataOf('GET STATUS', (await agent.transmit(GET_STATUS_APDU)).response));
  step('status', 'done', `card ${status.cardId}, ${status.state}`);
  return status;
}

/** Lets the reader go; a card already gone or a closed agent is no failure here. */
export async function release(agent: CardAgent): Promise<void> {
  try {
    await agent.disconnect();
  } catch {
    // Nothing held any more (card pulled out, agent gone): the reader is free either way.
  }
}

/** Reads the card's status (for display): connect, SELECT, GET STATUS, disconnect. */
export async function readCard(agent: CardAgent, reader: string, aid: string): Promise<CardStatus> {
  let connected = false;
  try {
    return await openAndIdentify(agent, reader, aid, (key, state) => {
      connected ||= key === 'connect' && state === 'done';
    });
  } catch (e) {
    throw CardOperationError.from(e);
  } finally {
    if (connected) {
      await release(agent);
    }
  }
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function describeSettlement(s: Settlement | null): string {
  if (!s) {
    return 'nothing to settle';
  }
  return `${s.executed.length} executed, ${s.requeued.length} requeued`
    + (s.cancelled.length ? `, ${s.cancelled.length} cancelled` : '')
    + (s.failed.length ? `, ${s.failed.length} failed` : '');
}

/**
 * A whole session: connect, SELECT, GET STATUS (identity), REQUEST, the server's script, ACK, and the
 * status again. What the card answers to each script command is only a hint on the display: the server
 * learns what really ran from the counter in the signed ACK.
 *
 * @param expectedCardId the card the user saw when asking for this, or null: another card found in the
 *     reader stops the session before anything is relayed (the user confirms by asking again)
 */
export async function synchronise(agent: CardAgent, backend: TerminalBackend, reader: string, aid: string,
  expectedCardId: string | null, onStep: StepListener, observer: ScriptObserver = {}): Promise<SyncOutcome> {
  let current: SyncStepKey = 'connect';
  let connected = false;
  const step: StepListener = (key, state, detail) => {
    current = key;
    connected ||= key === 'connect' && state === 'done';
    onStep(key, state, detail);
  };
  try {
    const before = await openAndIdentify(agent, reader, aid, step);
    if (expectedCardId !== null && before.cardId !== expectedCardId) {
      throw new CardOperationError('CARD_CHANGED', `the reader now holds card ${before.cardId}, not card `
        + `${expectedCardId}; check it is yours and press Synchronise again`);
    }
    if (before.state === 'NEW') {
      throw new CardOperationError('NOT_PERSONALISED', 'the card\u2019s application is not personalised yet');
    }

    step('request', 'running');
    const signedRequest = dataOf('REQUEST', (await agent.transmit(requestSyncApdu(randomUnpredictableNumber()))).response);
    step('request', 'done', `${signedRequest.length / 2} bytes, signed by the card`);

    step('post-request', 'running');
    const answer: TerminalAnswer = await backend.request(signedRequest);
    const commands = answer.script?.commands ?? [];
    step('post-request', 'done', `${count(commands.length, 'action', 'actions')} to run; `
      + `earlier sessions: ${describeSettlement(answer.settlement)}`);

    let cardAccepted = 0;
    let cardRefusal: string | null = null;
    observer.onScript?.(commands);
    if (commands.length === 0) {
      step('script', 'skipped', 'nothing pending for this card');
    } else {
      step('script', 'running', `${count(commands.length, 'command', 'commands')}`);
      const accepted: number[] = [];
      let complete = true;
      for (const batch of observer.split?.(commands) ?? [commands]) {
        let answer;
        try {
          answer = await agent.transmitBatch(batch.map((c) => c.apdu), ['9000']);
        } catch (e) {
          const cut = CardOperationError.from(e);
          // `responses` is there only when the batch had started on the card; a card pulled out between two
          // batches gives CARD_REMOVED without it, and then nothing of this batch reached the card.
          const started = e instanceof AgentError && Array.isArray(e.details.responses);
          const answered = started ? (e.details.responses as unknown[]).length : 0;
          // A card pulled out while working on a command carries it out whole or not at all, and its answer is
          // lost either way; the page counts it as reached (the next REQUEST's counter tells the server which).
          const inFlight = started && cut.code === 'CARD_REMOVED' && answered < batch.length ? 1 : 0;
          throw new CardOperationError(cut.code, `${cut.message} (after ${accepted.length + answered} of `
            + `${commands.length} commands; synchronise again and the server resends what did not run)`,
          { scriptReached: accepted.length + answered + inFlight, scriptLength: commands.length });
        }
        const ok = answer.responses.filter((r) => r.sw.toUpperCase() === '9000').length;
        accepted.push(...batch.slice(0, ok).map((c) => c.actionId));
        observer.onAccepted?.([...accepted]);
        if (!answer.complete) {
          complete = false;
          const last = answer.responses[answer.responses.length - 1];
          cardRefusal = last ? last.sw.toUpperCase() : null;
          break;
        }
      }
      cardAccepted = accepted.length;
      step('script', 'done', complete
        ? `the card accepted ${count(cardAccepted, 'command', 'commands')}`
        : `the card accepted ${cardAccepted} of ${commands.length}, then answered `
          + `${cardRefusal ? describeSw(cardRefusal) : 'nothing'}; the server will see it in the acknowledgement`);
    }

    step('ack', 'running');
    const signedAck = dataOf('ACK', (await agent.transmit(ACK_APDU)).response);
    step('ack', 'done', `${signedAck.length / 2} bytes, signed by the card`);

    step('post-ack', 'running');
    const ackAnswer = await backend.ack(signedAck);
    const applied = ackAnswer.settlement?.executed.length ?? 0;
    step('post-ack', 'done', describeSettlement(ackAnswer.settlement));

    step('reread', 'running');
    const after = parseCardStatus(dataOf('GET STATUS', (await agent.transmit(GET_STATUS_APDU)).response));
    step('reread', 'done', `balance ${after.balance}, CA ${after.ca}`);

    return {
      applied,
      requestSettlement: answer.settlement,
      ackSettlement: ackAnswer.settlement,
      scriptLength: commands.length,
      morePending: answer.script?.morePending ?? false,
      cardAccepted,
      cardRefusal,
      commands,
      before,
      after,
    };
  } catch (e) {
    const error = CardOperationError.from(e);
    onStep(current, 'failed', `${error.code}: ${error.message}`);
    throw error;
  } finally {
    if (connected) {
      await release(agent);
    }
  }
}

/** "3 actions applied" and the settlement counts, for the outcome line. */
export function describeOutcome(outcome: SyncOutcome): string {
  const parts = [`${count(outcome.applied, 'action', 'actions')} applied`];
  const requeued = outcome.ackSettlement?.requeued.length ?? 0;
  if (requeued > 0) {
    parts.push(`${requeued} requeued for the next synchronisation`);
  }
  const sentence = parts.join(', ');
  return outcome.morePending ? `${sentence}. More actions are waiting: synchronise again.` : sentence;
}
