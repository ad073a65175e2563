/**
 * Which of the agent's installable packages suits the computer this page runs on (docs/agent.md): the .deb on
 * x86_64 Linux (the build makes an amd64 .deb only), the .msi on Windows, the .pkg on macOS; on a phone, a tablet,
 * a Chromebook or a Linux computer of another architecture (ARM, 32-bit x86) none: the amd64 .deb would not
 * install there. The others are still listed, for a customer downloading for another computer. A browser that
 * reports a frozen "X11; Linux x86_64" on every Linux (Chrome's reduced User-Agent) still gets the .deb offered on
 * ARM; dpkg then refuses it with "package architecture (amd64) does not match system" (docs/agent.md).
 */
import type { AgentPackage, AgentPackageFormat } from '../portal-types';

/** What the customer calls the system each package installs on. */
export const SYSTEM_NAMES: Record<AgentPackageFormat, string> = {
  DEB: 'Linux (Debian, Ubuntu)',
  MSI: 'Windows',
  PKG: 'macOS',
};

/** The package format for the system named in a User-Agent string, or null where the agent cannot run. */
export function formatForUserAgent(userAgent: string): AgentPackageFormat | null {
  if (/iPhone|iPad|iPod|Android|CrOS/.test(userAgent)) {
    return null;
  }
  if (/Windows/.test(userAgent)) {
    return 'MSI';
  }
  if (/Macintosh|Mac OS X/.test(userAgent)) {
    return 'PKG';
  }
  if (/Linux|X11/.test(userAgent) && /x86_64|amd64/.test(userAgent)) {
    return 'DEB';
  }
  return null;
}

export interface PackageChoice {
  /** The package for this computer, when there is one. */
  forThisComputer: AgentPackage | null;
  /** Every other package, in the server's order. */
  others: AgentPackage[];
}

export function choosePackage(packages: readonly AgentPackage[], userAgent: string): PackageChoice {
  const format = formatForUserAgent(userAgent);
  const forThisComputer = packages.find((p) => p.format === format) ?? null;
  return { forThisComputer, others: packages.filter((p) => p !== forThisComputer) };
}

/** A download size as people read it: "31.6 MB" (decimal megabytes, as browsers show downloads). */
export function formatSize(bytes: number): string {
  if (bytes < 1000) {
    return `${bytes} bytes`;
  }
  if (bytes < 1_000_000) {
    return `${(bytes / 1000).toFixed(1)} kB`;
  }
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
