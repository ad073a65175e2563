/**
 * Addresses the backend hands the page to follow (the payment page, the agent download) are followed only
 * when they stay on the page's own origin. This stops a tampered or misconfigured answer from sending the
 * customer to another site to "pay" (phishing) or to download another program, and a `javascript:` address
 * from running script in the page.
 */
/** `url` as given when it stays on `origin`, else null. */
export function sameOriginUrl(url: string, origin: string = window.location.origin): string | null {
  let resolved: URL;
  try {
    resolved = new URL(url, origin);
  } catch {
    return null;
  }
  return (resolved.protocol === 'https:' || resolved.protocol === 'http:') && resolved.origin === origin ? url : null;
}
