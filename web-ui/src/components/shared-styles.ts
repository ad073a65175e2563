import { css } from 'lit';

/** The few styles every panel of the page shares: plain, readable, high contrast, no framework. */
export const panelStyles = css`
  :host {
    display: block;
  }
  section {
    border: 1px solid #c7c7c7;
    border-radius: 6px;
    padding: 0.75rem 1rem;
    margin: 0 0 1rem;
    background: #fff;
  }
  h2 {
    font-size: 1.1rem;
    margin: 0 0 0.5rem;
  }
  /* Product names, user names and card names come from outside and may be one long word: wrap them
     anywhere rather than push the page wider than a phone's screen. */
  h2,
  h3,
  header span {
    overflow-wrap: anywhere;
  }
  .hint {
    color: #555;
    font-size: 0.9rem;
  }
  .ok {
    color: #0a6b2a;
  }
  .warn {
    color: #8a4b00;
  }
  .error {
    color: #b00020;
  }
  .error code,
  code {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.9em;
  }
  button {
    font: inherit;
    padding: 0.35rem 0.9rem;
    border: 1px solid #1f4e8c;
    border-radius: 4px;
    background: #1f4e8c;
    color: #fff;
    cursor: pointer;
  }
  button.secondary {
    background: #fff;
    color: #1f4e8c;
  }
  button:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  a:focus-visible,
  select:focus-visible,
  summary:focus-visible,
  button:focus-visible,
  input:focus-visible {
    outline: 3px solid #f0a500;
    outline-offset: 2px;
  }
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.25rem 1rem;
    margin: 0.5rem 0;
  }
  dt {
    font-weight: 600;
  }
  dd {
    margin: 0;
    font-variant-numeric: tabular-nums;
  }
  input,
  select {
    font: inherit;
    padding: 0.3rem 0.5rem;
    border: 1px solid #767676;
    border-radius: 4px;
    max-width: 100%;
    box-sizing: border-box;
  }
  label {
    display: block;
    font-weight: 600;
    margin: 0.5rem 0 0.2rem;
  }
  a {
    color: #1f4e8c;
  }
  p,
  li,
  dd {
    overflow-wrap: anywhere;
  }
  @media (max-width: 30rem) {
    dl {
      grid-template-columns: 1fr;
    }
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
