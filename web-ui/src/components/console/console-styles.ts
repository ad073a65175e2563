import { css } from 'lit';

/**
 * The console's tables: plain rows on a wide screen; on a phone-sized one (below 40rem) every row becomes
 * a stacked block, each cell led by its column's name (`data-label`), so nothing scrolls sideways at 360 px.
 */
export const tableStyles = css`
  table {
    width: 100%;
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }
  th,
  td {
    text-align: left;
    vertical-align: top;
    padding: 0.35rem 0.5rem;
    border-bottom: 1px solid #e0e0e0;
  }
  th {
    font-size: 0.9rem;
    color: #333;
  }
  td ul {
    margin: 0;
    padding-left: 1.1rem;
  }
  .actions-cell button {
    margin: 0 0.25rem 0.25rem 0;
  }
  @media (max-width: 40rem) {
    table,
    tbody,
    tr,
    td {
      display: block;
      width: 100%;
      box-sizing: border-box;
    }
    thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
    }
    tr {
      border: 1px solid #c7c7c7;
      border-radius: 4px;
      margin: 0 0 0.5rem;
      padding: 0.25rem 0;
    }
    td {
      border: 0;
      padding: 0.2rem 0.5rem;
    }
    td[data-label]::before {
      content: attr(data-label) ': ';
      font-weight: 600;
    }
  }
  .pager {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-top: 0.5rem;
  }
`;
