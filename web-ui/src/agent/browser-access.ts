/**
 * Whether this browser lets the page reach the agent on ws://127.0.0.1 (ARCHITECTURE section 6;
 * docs/web-ui.md, "Browsers"):
 *
 * - Chrome and Edge (145+ name it `loopback-network`; 142 to 144 `local-network-access`) ask the user
 *   before a page on a public origin may open a loopback address: Local Network Access. The state is
 *   read with navigator.permissions.query, which throws a TypeError for a name the browser does not
 *   know, so the page asks for the newer name first and falls back to the older one.
 * - Safari on macOS blocks ws:// from an https page as mixed content, loopback or not, and nothing the
 *   page can do changes that. On iOS and iPadOS there is no agent to reach.
 */

/** The permission names, newest first (Chrome 145+, then 142 to 144). */
export const LOOPBACK_PERMISSION_NAMES = ['loopback-network', 'local-network-access'] as const;

export type LoopbackPermission =
  | { supported: false }
  | { supported: true; name: string; status: PermissionStatus };

/** The part of navigator.permissions the page uses (tests pass a fake). */
export interface PermissionsLike {
  /** A plain string name: TypeScript's PermissionName does not list the loopback names yet. */
  query(descriptor: { name: string }): Promise<PermissionStatus>;
}

/**
 * The loopback permission's live status, or `{supported: false}` when the browser has no such permission
 * (Firefox, older Chrome): then nothing stands between the page and the agent but the agent itself.
 */
export async function queryLoopbackPermission(
  permissions: PermissionsLike | undefined = typeof navigator !== 'undefined' ? navigator.permissions : undefined,
): Promise<LoopbackPermission> {
  if (!permissions) {
    return { supported: false };
  }
  for (const name of LOOPBACK_PERMISSION_NAMES) {
    try {
      const status = await permissions.query({ name });
      return { supported: true, name, status };
    } catch {
      // Not a permission this browser knows: try the older name, then give up.
    }
  }
  return { supported: false };
}

/**
 * Why this browser cannot reach the agent, or null when it can:
 * - `ios`: iPhone, iPad or iPod, whatever the browser (every one there is WebKit). There is no agent for
 *   them at all, so the card reader needs a computer; over http as well as https. iPadOS asks for desktop
 *   pages with a Macintosh user agent, told apart from a Mac by its touch points.
 * - `safari`: Safari on macOS on an https page: it blocks ws://127.0.0.1 as mixed content.
 */
export function agentBlockedBy(userAgent: string, protocol: string, maxTouchPoints = 0): 'ios' | 'safari' | null {
  if (/\b(iPhone|iPad|iPod)\b/.test(userAgent) || (/\bMacintosh\b/.test(userAgent) && maxTouchPoints > 1)) {
    return 'ios';
  }
  const safari = /Safari\//.test(userAgent) && !/(Chrome|Chromium|Edg|OPR|Firefox)\//.test(userAgent);
  return safari && protocol === 'https:' ? 'safari' : null;
}

/** The browser's name for the site-settings hint, from the user agent. */
export function browserName(userAgent: string): 'Edge' | 'Chrome' | 'Firefox' | 'Safari' | 'your browser' {
  if (/Edg\//.test(userAgent)) return 'Edge';
  if (/(Chrome|Chromium)\//.test(userAgent)) return 'Chrome';
  if (/Firefox\//.test(userAgent)) return 'Firefox';
  if (/Safari\//.test(userAgent)) return 'Safari';
  return 'your browser';
}
