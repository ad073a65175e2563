/**
 * A synchronisation in words: the script's commands mapped onto the customer's changes (progress), and
 * what came of it (outcome). card-sync.ts holds no display text; this is where its results become
 * sentences.
 */
import type { Change, PortalApplication } from '../portal-types';
import type { ScriptCommand } from '../terminal-api';
import { changeWords, refusalOf } from './changes';
import { errorSentence, type CodedError } from './errors';
import { formatMoney, userLocale } from './format';

/** One customer-visible change of a script, with its commands. */
export interface ProgressItem {
  label: string;
  changeId: number | null;
  actionIds: number[];
  /** waiting: not sent yet; on-card: the card accepted every command of it (the server confirms on the ACK). */
  state: 'waiting' | 'on-card';
}

const ACTION_WORDS: Readonly<Record<string, string>> = {
  CREDIT: 'Reload',
  WRITE_PARAMETER: 'Change a setting',
  BLOCK: 'Block your card',
  UNBLOCK: 'Unblock your card',
  RESET_PIN_TRIES: 'Unlock your PIN',
  LOAD_APPLICATION_BLOCK: 'Add a service',
  LOAD_APPLICATION_ACTIVATE: 'Add a service',
};

function changeOf(actionId: number, changes: Change[]): Change | undefined {
  return changes.find((c) => c.actionIds.includes(actionId));
}

/** The script cut where one change ends and the next begins (a LOAD_APPLICATION group stays whole). */
export function batchesByChange(commands: ScriptCommand[], changes: Change[]): ScriptCommand[][] {
  const batches: ScriptCommand[][] = [];
  let owner: number | null | undefined;
  for (const command of commands) {
    const change = changeOf(command.actionId, changes)?.id ?? null;
    if (batches.length === 0 || change === null || change !== owner) {
      batches.push([command]);
    } else {
      batches[batches.length - 1].push(command);
    }
    owner = change;
  }
  return batches;
}

/** The script as the customer's changes, in order, each "waiting" or "on-card" by the accepted action ids. */
export function progressItems(commands: ScriptCommand[], app: PortalApplication, accepted: ReadonlySet<number>,
  locale = userLocale()): ProgressItem[] {
  return batchesByChange(commands, app.changes).map((batch) => {
    const change = changeOf(batch[0].actionId, app.changes);
    const actionIds = batch.map((c) => c.actionId);
    return {
      label: change ? changeWords(change, app, locale) : (ACTION_WORDS[batch[0].type] ?? 'Update your card'),
      changeId: change?.id ?? null,
      actionIds,
      state: actionIds.every((id) => accepted.has(id)) ? 'on-card' : 'waiting',
    };
  });
}

/** How many of the customer's changes these actions make up (an action of no known change counts as one). */
export function changeCount(actionIds: readonly number[], changes: Change[]): number {
  const seen = new Set<string>();
  for (const id of actionIds) {
    const change = changeOf(id, changes);
    seen.add(change ? `c${change.id}` : `a${id}`);
  }
  return seen.size;
}

/** What one synchronisation (every application of the card, every script round) came to. */
export interface SyncReport {
  kind: 'done' | 'interrupted' | 'failed';
  /** Changes the server confirmed on the REQUEST: they ran in an earlier session whose end was lost. */
  confirmedFromLastTime: number;
  /** Changes the server confirmed on this session's ACK. */
  applied: number;
  /** Changes put back for the next time (the card stopped before them). */
  requeued: number;
  /** Changes the card refused, as the server now shows them (with their reason), and their application. */
  refused: { change: Change; app: PortalApplication }[];
  /** interrupted: changes of the cut script that did not reach the card, and the script's changes. */
  notYet: number;
  total: number;
  error: CodedError | null;
}

export function emptyReport(): SyncReport {
  return { kind: 'done', confirmedFromLastTime: 0, applied: 0, requeued: 0, refused: [], notYet: 0, total: 0, error: null };
}

function changes(n: number): string {
  return `${n} ${n === 1 ? 'change' : 'changes'}`;
}

/** The outcome as sentences, most important first. */
export function outcomeSentences(report: SyncReport, locale = userLocale()): string[] {
  const lines: string[] = [];
  if (report.kind === 'failed' && report.error) {
    lines.push(`Your card could not be synchronised. ${errorSentence(report.error)}`);
  }
  if (report.kind === 'interrupted') {
    lines.push(report.notYet > 0
      ? `${report.notYet} of ${changes(report.total)} ${report.notYet === 1 ? 'is' : 'are'} not on your card yet; `
        + `${report.notYet === 1 ? 'it' : 'they'} will be applied next time you connect it.`
      : 'Your card was taken out before it could confirm the changes; they will be confirmed next time you '
        + 'connect it.');
  }
  if (report.applied > 0) {
    // Said whatever came after: what reached the card stays there when a later change or application fails.
    lines.push(`${changes(report.applied)} applied to your card.`);
  } else if (report.kind === 'done' && report.confirmedFromLastTime === 0 && report.refused.length === 0) {
    lines.push('Your card is up to date.');
  }
  if (report.confirmedFromLastTime > 0) {
    lines.push(`${changes(report.confirmedFromLastTime)} from last time confirmed.`);
  }
  if (report.requeued > 0) {
    lines.push(`${changes(report.requeued)} will be applied next time you connect your card.`);
  }
  for (const { change, app } of report.refused) {
    const refusal = refusalOf(change.reason);
    lines.push(`${changeWords(change, app, locale)}: refused, ${refusal.why}. ${refusal.whatToDo}`);
    if (change.kind === 'TOP_UP') {
      // The customer paid for it: say where the money is and whom to ask.
      lines.push(`The ${change.amount === null ? 'amount' : formatMoney(change.amount, app.currency, locale)} you paid `
        + 'for this reload was not added to your card. Contact your card issuer about your payment.');
    }
  }
  return lines;
}
