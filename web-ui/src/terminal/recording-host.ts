/**
 * For tests: a Lit host that records what it would render. The terminal page's controllers change plain fields
 * and ask their host to render again by hand (Lit's @state did that on every assignment before the split), so
 * a forgotten requestUpdate leaves the page showing an old state. This host takes a copy of `view()` at each
 * requestUpdate; a test compares {@link shown} with `view()` now: they differ when a change was not followed by
 * a request to render it.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class RecordingHost implements ReactiveControllerHost {
  /** What the host would render at its last requestUpdate (a JSON copy), or undefined before the first. */
  shown: unknown;
  view: () => unknown = () => undefined;

  addController(_controller: ReactiveController): void {}

  removeController(_controller: ReactiveController): void {}

  requestUpdate(): void {
    this.shown = this.now();
  }

  get updateComplete(): Promise<boolean> {
    return Promise.resolve(true);
  }

  /** `view()` now, copied as {@link shown} is. */
  now(): unknown {
    return JSON.parse(JSON.stringify(this.view() ?? null)) as unknown;
  }
}
