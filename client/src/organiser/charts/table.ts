import { h } from '../../shared/dom';

/** One row of a {@link chartTable}: what the bar stands for, and its number. */
export interface ChartRow {
  name: string;
  value: number;
}

/**
 * A chart's numbers as a table, out of sight (`sr-only`): what a screen reader reads instead of
 * the picture, every value with what it is for, where the picture prints only some. Its caption
 * is the chart's summary; `columns` head the two columns (say, "Minute" and "Matches").
 */
export function chartTable(caption: string, columns: readonly [string, string], rows: readonly ChartRow[]): HTMLElement {
  return h(
    'div',
    { class: 'sr-only' },
    h(
      'table',
      { class: 'chart-table' },
      h('caption', null, caption),
      h('thead', null, h('tr', null, ...columns.map((c) => h('th', { attrs: { scope: 'col' } }, c)))),
      h('tbody', null, ...rows.map((r) => h('tr', null, h('th', { attrs: { scope: 'row' } }, r.name), h('td', null, r.value)))),
    ),
  );
}
