/**
 * The portal's synchronisation of the card in the reader: which of the customer's applications it
 * carries, one session per application, more rounds while the server says more is waiting, and a
 * {@link SyncReport} of it all. Display-free: words/sync.ts turns the report and the progress into words.
 */
import { readCard, synchronise, CardOperationError, type CardAgent, type TerminalBackend } from './card-sync';
import type { PortalApplication } from './portal-types';
import type { ScriptCommand } from './terminal-api';
import { batchesByChange, changeCount, emptyReport, type SyncReport } from './words/sync';

/** Script rounds per application in one synchronisation; a server with more keeps it for next time. */
const MAX_ROUNDS = 10;

/** Failures that cut a session short (as against a refusal): what was sent may or may not be on the card. */
const CUT_CODES = new Set(['CARD_REMOVED', 'NO_CARD', 'CONNECTION_CLOSED', 'TIMEOUT']);

export interface SyncProgress {
  app: PortalApplication;
  commands: ScriptCommand[];
  accepted: ReadonlySet<number>;
}

/**
 * The customer's applications on the card in the reader: the card's id read under each of the
 * customer's AIDs until one answers. Empty when the card is none of theirs (or not linked yet).
 */
export async function applicationsInReader(agent: CardAgent, reader: string, apps: PortalApplication[]):
  Promise<PortalApplication[]> {
  for (const aid of [...new Set(apps.map((a) => a.aid))]) {
    let cardId: string;
    try {
      cardId = (await readCard(agent, reader, aid)).cardId;
    } catch (e) {
      if (e instanceof CardOperationError && e.code === 'CARD_REFUSED') {
        continue; // the card has no application with this AID
      }
      throw e;
    }
    const onCard = apps.filter((a) => a.cardId === cardId);
    if (onCard.length > 0) {
      return onCard;
    }
  }
  return [];
}

/**
 * Synchronises each application in turn. A cut (card pulled out, agent gone) stops everything and says how
 * many of the cut script's changes did not reach the card; the next synchronisation's REQUEST settles them.
 *
 * @param reload the customer's applications afresh, to explain refusals with the server's reasons
 * @param onAsking an application's session is about to post the card's REQUEST: the server's script for it is
 *     made from what is waiting now (a change queued later waits for another session)
 */
export async function synchroniseCard(agent: CardAgent, backend: TerminalBackend, reader: string,
  apps: PortalApplication[], reload: () => Promise<PortalApplication[]>,
  onProgress: (progress: SyncProgress) => void, onAsking: (app: PortalApplication) => void = () => {}):
  Promise<SyncReport> {
  const report = emptyReport();
  const failed = new Set<number>();
  outer:
  for (const app of apps) {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      let commands: ScriptCommand[] = [];
      let accepted = new Set<number>();
      try {
        const outcome = await synchronise(agent, backend, reader, app.aid, app.cardId, (key, state) => {
          if (key === 'post-request' && state === 'running') {
            onAsking(app);
          }
        }, {
          split: (c) => batchesByChange(c, app.changes),
          onScript: (c) => {
            commands = c;
            onProgress({ app, commands, accepted });
          },
          onAccepted: (ids) => {
            accepted = new Set(ids);
            onProgress({ app, commands, accepted });
          },
        });
        report.confirmedFromLastTime += changeCount(outcome.requestSettlement?.executed ?? [], app.changes);
        report.applied += changeCount(outcome.ackSettlement?.executed ?? [], app.changes);
        report.requeued += changeCount(outcome.ackSettlement?.requeued ?? [], app.changes);
        [...(outcome.requestSettlement?.failed ?? []), ...(outcome.ackSettlement?.failed ?? [])]
          .forEach((id) => failed.add(id));
        if (!outcome.morePending) {
          break;
        }
      } catch (e) {
        const error = CardOperationError.from(e);
        if (error.progress || (commands.length > 0 && CUT_CODES.has(error.code))) {
          const batches = batchesByChange(commands, app.changes);
          // The commands that reached the card, in script order (a cut script's count includes the one in flight).
          const reached = error.progress
            ? new Set(commands.slice(0, error.progress.scriptReached).map((c) => c.actionId)) : accepted;
          onProgress({ app, commands, accepted: reached });
          report.kind = 'interrupted';
          report.total = batches.length;
          report.notYet = batches.filter((b) => !b.every((c) => reached.has(c.actionId))).length;
        } else {
          report.kind = 'failed';
        }
        report.error = { code: error.code, message: error.message };
        break outer;
      }
    }
  }
  if (failed.size > 0) {
    for (const app of await reload()) {
      for (const change of app.changes) {
        if (change.state === 'REFUSED' && change.actionIds.some((id) => failed.has(id))) {
          report.refused.push({ change, app });
        }
      }
    }
  }
  return report;
}
