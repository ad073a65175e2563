/**
 * When the portal synchronises the card in the reader, as a Lit ReactiveController: when the card is
 * inserted, when a live notice says a change is waiting for it, after a payment; one at a time (the agent
 * lets a page hold one reader), and once more if asked during a run. Holds the progress and the report;
 * views render them through words/sync.ts.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AgentConnection } from './agent/agent-connection';
import { authenticate, type CardProof } from './card-authenticate';
import { CardOperationError } from './card-sync';
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
  /**
   * The card in the reader as the last run found it: its id, null when it is none of the customer's,
   * undefined when not known (no run since it was inserted). Notices about other cards' applications are
   * no reason to work on it.
   */
  private readerCard: string | null | undefined = undefined;
  /** Applications of the current run whose session has not asked the server yet: a notice about them needs no further run. */
  private readonly covered = new Set<number>();
  /** The next run is one the customer started: its outcome takes the focus. */
  private byCustomerNext = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly host: ReactiveControllerHost, private readonly agent: AgentConnection,
    private readonly api: PortalApi, private readonly terminal: TerminalApi,
    /** The customer's cards, or null while they are not loaded (signed out, loading): nothing to sync then. */
    private readonly cards: () => PortalCard[] | null, private readonly reloaded: (cards: PortalCard[]) => void,
    /** After every run; `byCustomer` when the customer started it (their payment, "Try again"). */
    private readonly finished: (byCustomer: boolean) => void) {
    host.addController(this);
  }

  /** A portal taken off the page starts no further run. */
  hostDisconnected(): void {
    this.again = false;
  }

  /** The card came out: what was said about it may no longer hold. */
  forget(): void {
    this.foreignCard = false;
    this.readerCard = undefined;
    this.presence += 1;
    this.host.requestUpdate();
  }

  /**
   * The customer signed out: nothing of theirs stays on the page for the next one (outcome, progress, what
   * the reader holds), and a run still under way reports nothing when it ends.
   */
  reset(): void {
    this.generation += 1;
    this.report = null;
    this.items = [];
    this.foreignCard = false;
    this.readerCard = undefined;
    this.again = false;
    this.byCustomerNext = false;
    this.reportPresence = -1;
    this.host.requestUpdate();
  }

  /** Counts {@link reset}s: a run that sees it changed belongs to a customer who has signed out. */
  private generation = 0;

  /** Counts card removals, so that a report is known to be about the card still in the reader. */
  private presence = 0;
  /** The {@link presence} the current report was made in. */
  private reportPresence = -1;

  /**
   * Synchronises if a card is in the reader and, when `onlyIfWaiting`, something is waiting for that application.
   * `byCustomer`: the customer started it (their payment, a button), so its outcome takes the focus; a run that
   * starts by itself (card inserted, live notice) is only announced by the outcome's live region.
   */
  request(onlyIfWaiting: number | null = null, byCustomer = false): void {
    const cards = this.cards();
    if (cards === null) {
      return; // the portal asks again once the cards are loaded
    }
    if (onlyIfWaiting !== null) {
      const app = applicationsOf(cards).find((a) => a.id === onlyIfWaiting);
      if (!app || !app.changes.some((c) => c.state === 'WAITING')) {
        return;
      }
      if (this.readerCard !== undefined && app.cardId !== this.readerCard) {
        return; // another card's application: it waits for that card
      }
      if (this.running && this.covered.has(app.id)) {
        return; // the run under way has yet to ask the server for this application's script: it takes it along
      }
    }
    if (!this.agent.client || !this.agent.cardReader) {
      return;
    }
    this.byCustomerNext ||= byCustomer;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.run();
  }

  /**
   * A card was just linked to the customer (the cards are reloaded): the card in the reader may be it, so it is
   * no longer called foreign, and its waiting changes are applied now.
   */
  cardLinked(): void {
    this.foreignCard = false;
    this.readerCard = undefined;
    this.host.requestUpdate();
    this.request();
  }

  /**
   * The card's proof for linking: a fresh challenge from the server, signed by the card in an AUTHENTICATE
   * REQUEST under the first of `aids` it answers to; run on the reader in turn with synchronisations.
   */
  prove(aids: string[]): Promise<CardProof> {
    return this.exclusive(async () => {
      const client = this.agent.client;
      const reader = this.agent.cardReader;
      if (!client || !reader) {
        throw new CardOperationError('NO_CARD', 'no card in the reader');
      }
      const { challenge } = await this.terminal.challenge();
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
    const byCustomer = this.byCustomerNext;
    this.byCustomerNext = false;
    const presence = this.presence;
    const generation = this.generation;
    const previous = this.reportPresence === this.presence ? this.report : null;
    const previousItems = this.items;
    this.report = null; // a stale outcome or error goes as soon as the card is worked on again
    this.items = [];
    this.host.requestUpdate();
    try {
      await this.exclusive(async () => {
        const apps = await applicationsInReader(client, reader.name, applicationsOf(this.cards() ?? []));
        if (this.presence === presence) {
          this.readerCard = apps[0]?.cardId ?? null;
        }
        this.foreignCard = apps.length === 0;
        if (this.foreignCard) {
          return;
        }
        apps.forEach((a) => this.covered.add(a.id));
        this.report = await synchroniseCard(client, this.terminal, reader.name, apps, () => this.reload(),
          ({ app, commands, accepted }) => {
            this.items = progressItems(commands, app, accepted);
            this.host.requestUpdate();
          }, (app) => this.covered.delete(app.id));
        await this.reload();
        if (previous?.kind === 'done' && this.report && saysNothing(this.report)) {
          // A follow-up run (another notice, the payment) found nothing more: keep saying what the card got.
          this.report = previous;
          this.items = previousItems;
        }
      });
    } catch (e) {
      const coded = e as { code?: string; message?: string };
      this.report = { kind: 'failed', confirmedFromLastTime: 0, applied: 0, requeued: 0, refused: [], notYet: 0,
        total: 0, error: { code: coded.code ?? 'INTERNAL_ERROR', message: coded.message ?? '' } };
    } finally {
      this.covered.clear();
      this.reportPresence = this.presence;
      this.running = false;
      this.host.requestUpdate();
    }
    if (this.generation !== generation) {
      this.reset(); // signed out meanwhile: this run's outcome was someone else's
      return;
    }
    // Asked again during the run: worth another session only for a card not identified yet (a new one) or
    // when something is still waiting for this one after the run's reload.
    const followUp = this.again && (this.readerCard === undefined || this.waitingOnReaderCard());
    this.again = false;
    if (!followUp) {
      // A customer's request that needs no run of its own gets this run's outcome.
      this.finished(byCustomer || this.byCustomerNext);
      this.byCustomerNext = false;
      return;
    }
    this.finished(byCustomer);
    this.request();
  }

  private waitingOnReaderCard(): boolean {
    return applicationsOf(this.cards() ?? []).some((a) => a.cardId === this.readerCard
      && a.changes.some((c) => c.state === 'WAITING'));
  }
}

function saysNothing(report: SyncReport): boolean {
  return report.kind === 'done' && report.applied === 0 && report.confirmedFromLastTime === 0
    && report.requeued === 0 && report.refused.length === 0;
}
