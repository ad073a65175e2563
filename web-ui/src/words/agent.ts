/**
 * What the page says when this browser cannot reach the cardsync agent (agent/browser-access.ts,
 * agentBlockedBy): the first sentence is why, the second what to do.
 */
export function agentBlockedWords(blockedBy: 'ios' | 'safari', browser: string): [string, string] {
  if (blockedBy === 'ios') {
    return [
      'The card reader cannot be used on an iPhone or iPad: it needs the cardsync agent, which runs on a computer.',
      'To bring your card up to date, open this page on a computer (Windows, macOS or Linux) with the cardsync '
        + 'agent and your card reader. Everything else in the portal works here.',
    ];
  }
  return [
    `${browser} does not let a secure (https) page talk to the cardsync agent on this computer: it blocks the `
      + 'connection as insecure content, and there is no setting to allow it.',
    `Open this page in Chrome, Edge or Firefox to use your card reader. Everything else here works in ${browser}.`,
  ];
}
