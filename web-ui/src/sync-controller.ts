/**
 * When the portal synchronises the card in the reader, as a Lit ReactiveController: when the card is
 * inserted, when a live notice says a change is waiting for it, after a payment; one at a time (the agent
 * lets a page hold one reader), and once more if asked during a run. Holds the progress and the report;
 * views render them through words/sync.ts.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AgentConnection } from './agent/agent-connection';
import { CardOperationError, authenticate, type CardProof } from './card-sync';
import { applicationsOf, type PortalApi } from './portal-api';
import { applicationsInReader, synchroniseCard } from './portal-sync';
import type { PortalApplication, PortalCard } from './portal-types';
import type { TerminalApi } from './terminal-api';
import { progressItems, type ProgressItem, type SyncReport } from './words/sync';

export class SyncController implements ReactiveController {
  running = false;
  items: ProgressItem[] = [];
  report: SyncReport | null = null;
  /** The card in the reader is none of the customer's (not linked yet). */
  foreignCard = false;

  private again = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly host: ReactiveControllerHost, private readonly agent: AgentConnection,
    private readonly api: PortalApi, private readonly terminal: TerminalApi,
    private readonly cards: () => PortalCard[], private readonly reloaded: (cards: PortalCard[]) => void,
    private readonly finished: () => void) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** The card came out: what was said about it may no longer hold. */
  forget(): void {
    this.foreignCard = false;
    this.host.requestUpdate();
  }

  /** Synchronises if a card is in the reader and, when `onlyIfWaiting`, something is waiting for that application. */
  request(onlyIfWaiting: number | null = null): void {
    if (onlyIfWaiting !== null) {
      const app = applicationsOf(this.cards()).find((a) => a.id === onlyIfWaiting);
      if (!app || !app.changes.some((c) => c.state === 'WAITING')) {
        return;
      }
    }
    if (!this.agent.client || !this.agent.cardReader) {
      return;
    }
    if (this.running) {
      this.again = true;
      return;
    }
    void this.run();
  }

  /** The card's proof for linking, run on the reader in turn with synchronisations. */
  prove(challenge: string, aids: string[]): Promise<CardProof> {
    return this.exclusive(async () => {
      const client = this.agent.client;
      const reader = this.agent.cardReader;
      if (!client || !reader) {
        throw new CardOperationError('NO_CARD', 'no card in the reader');
      }
      let last: unknown = null;
      for (const aid of aids) {
        try {
          return await authenticate(client, reader.name, aid, challenge);
        } catch (e) {
          last = e;
        }
      }
      throw last;
    });
  }

  private exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.queue.then(operation, operation);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async reload(): Promise<PortalApplication[]> {
    const cards = await this.api.cards();
    this.reloaded(cards);
    return applicationsOf(cards);
  }

  private async run(): Promise<void> {
    const client = this.agent.client;
    const reader = this.agent.cardReader;
    if (!client || !reader) {
      return;
    }
    this.running = true;
    this.again = false;
    this.items = [];
    this.report = null; // a stale outcome or error goes as soon as the card is worked on again
    this.host.requestUpdate();
    try {
      await this.exclusive(async () => {
        const apps = await applicationsInReader(client, reader.name, applicationsOf(this.cards()));
        this.foreignCard = apps.length === 0;
        if (this.foreignCard) {
          return;
        }
        this.report = await synchroniseCard(client, this.terminal, reader.name, apps, () => this.reload(),
          ({ app, commands, accepted }) => {
            this.items = progressItems(commands, app, accepted);
            this.host.requestUpdate();
          });
        await this.reload();
      });
    } catch (e) {
      const coded = e as { code?: string; message?: string };
      this.report = { kind: 'failed', confirmedFromLastTime: 0, applied: 0, requeued: 0, refused: [], notYet: 0,
        total: 0, error: { code: coded.code ?? 'INTERNAL_ERROR', message: coded.message ?? '' } };
    } finally {
      this.running = false;
      this.host.requestUpdate();
      this.finished();
    }
    if (this.again) {
      this.request();
    }
  }
}
