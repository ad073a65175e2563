/** Downloads made by the page itself. */

/** Saves text as a file in the user's downloads (an object URL, revoked at once: nothing of it stays). */
export function saveJsonFile(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}
