/**
 * For tests: the server's terminal API (`POST /api/terminal/request` and `/ack`) as the terminal page uses it:
 * every REQUEST answers a script of `actions` CREDITs, all of them executed on the ACK. Pass it as the session's
 * TerminalBackend, or route the browser's fetch to it with {@link FakeServer.fetch}.
 */
import type { TerminalBackend } from '../card-sync';
import type { ScriptCommand, TerminalAnswer } from '../terminal-api';

const settlement = (executed: number[]) => ({ confirmedCa: 0, executed, requeued: [], cancelled: [], failed: [] });

export class FakeServer implements TerminalBackend {
  readonly posted: string[] = [];
  /** While set, the answer to a REQUEST waits for it: the test acts during a session. */
  hold: Promise<void> | null = null;

  constructor(private readonly actions: number) {}

  async request(message: string): Promise<TerminalAnswer> {
    this.posted.push(`REQUEST ${message}`);
    await this.hold;
    const commands: ScriptCommand[] = Array.from({ length: this.actions }, (_, i) => ({ actionId: 70 + i,
      sequence: 5 + i, type: 'CREDIT', apdu: `804200001${i}` }));
    return { messageType: 'REQUEST', atc: 10, ca: 4, settlement: null, transaction: null,
      script: { scriptId: 1, sessionAtc: 10, baseCa: 4, commands, morePending: false } } as unknown as TerminalAnswer;
  }

  async ack(message: string): Promise<TerminalAnswer> {
    this.posted.push(`ACK ${message}`);
    return { messageType: 'ACK', atc: 11, ca: 4 + this.actions, settlement: settlement([70, 71].slice(0, this.actions)),
      transaction: null, script: null } as unknown as TerminalAnswer;
  }

  /** Holds the answers to REQUESTs from now on; returns what lets them go. */
  holdRequests(): () => void {
    let release = () => {};
    this.hold = new Promise((r) => { release = r; });
    return () => {
      this.hold = null;
      release();
    };
  }

  /** The browser's fetch, answering the terminal API's two endpoints from this server. */
  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const path = new URL(String(input), 'http://localhost').pathname;
    const { message } = JSON.parse(String(init?.body)) as { message: string };
    const answer = path === '/api/terminal/request' ? await this.request(message)
      : path === '/api/terminal/ack' ? await this.ack(message) : null;
    return answer
      ? new Response(JSON.stringify(answer), { status: 200, headers: { 'Content-Type': 'application/json' } })
      : new Response(null, { status: 404 });
  };
}
