/**
 * Every sentence of the helpdesk console's shell, search and application screens (the words of the
 * alerts, dashboard and admin screens are in words/console-*.ts). Amounts and dates in the user's locale
 * (format.ts); error codes become sentences through words/errors.ts.
 */

export const shellWords = {
  title: 'cardsync helpdesk',
  loading: 'Loading\u2026',
  navLabel: 'Console',
  navSearch: 'Search',
  navAlerts: 'Alerts',
  navDashboard: 'Dashboard',
  navAdmin: 'Admin',
  navIssue: 'Issue a card',
  navStaff: 'Staff users',
  live: 'Live',
  notLive: 'Not live: reconnecting',
  signOut: 'Sign out',
  signedInAs: (username: string) => `Signed in as ${username}`,
  sessionEnded: 'Your session has ended. Sign in again to continue.',
  signedOut: 'You have signed out.',
  forbiddenHeading: 'This console is for the card issuer\u2019s staff',
  forbidden: 'You are signed in as a card holder, so there is nothing for you here.',
  toPortal: 'Go to your cards',
  adminOnlyHeading: 'For administrators only',
  adminOnly: 'Only an administrator can open this screen.',
  toSearch: 'Back to the search',
} as const;
