import type { Stats } from '../../../../shared/schemas';
import { fill, h } from '../../shared/dom';
import { isolateRtl } from '../../../../shared/list';
import { reasonLabel } from '../../shared/report-reasons';
import { ago } from '../../shared/time';
import type { Actions, Model } from '../model';
import { ackError } from './ack-error';
import { confirmAction } from './confirm';
import { rowFocus } from './focus';
import { card, FIGURES_LOADING, setText, whenChanged, type Part } from './part';

type Report = Stats['reports'][number];

/**
 * Reports from the phones, newest first: the reported person's first name, the reason and what
 * the reporter wrote (never who reported), with a way to remove that person from the event.
 * A removed person's reports drop out with the next figures.
 */
export function reportsPanel(actions: Actions): Part {
  const list = h('ol', { class: 'reports-list' });
  // Focusable from script only: where the focus goes when the last report's person is removed.
  const empty = h('p', { class: 'reports-empty', attrs: { tabindex: -1 } }, FIGURES_LOADING);
  const error = ackError();
  const el = card('reports', h('span', null, 'Reports ', h('span', { class: 'card-title-sub' }, '— from the phones, anonymous')), list, empty, error.el);

  // By report: one person can be reported more than once.
  const focus = rowFocus(list, empty, (row) => row.dataset.reportId ?? '');

  async function remove(report: Report) {
    const refocus = focus.hold(report.id);
    const ok = await confirmAction({
      title: `Remove ${isolateRtl(report.name)}?`,
      body:
        `${isolateRtl(report.name)} leaves the event at once: out of the queue and any match, and their phone is signed out. ` +
        "Reports by or about them go with them; the figures count them as removed. Their phone won't let them back in, though they could join again from another phone or browser.",
      confirm: 'Remove from event',
      tone: 'danger',
    });
    refocus();
    if (!ok) return;
    const ack = await actions.remove(report.attendeeId);
    error.show(ack);
    refocus();
  }

  // Redrawn when the reports change, and each minute for "5 min ago".
  const draw = whenChanged(
    (m) => JSON.stringify([m.stats?.reports ?? null, Math.floor(Date.now() / 60_000)]),
    (m: Model) => focus.redraw(() => {
      const reports = m.stats?.reports ?? [];
      fill(
        list,
        ...reports.map((r) =>
          h(
            'li',
            { class: 'report-row', data: { reportId: r.id, attendeeId: r.attendeeId } },
            h(
              'div',
              { class: 'report-head' },
              // <bdi>: a right-to-left name cannot reorder the reason and time beside it.
              h('bdi', { class: 'report-name', data: { reportName: '' } }, r.name),
              h('span', { class: 'report-reason' }, reasonLabel(r.reason)),
              h('time', { class: 'report-when', attrs: { datetime: r.at } }, ago(r.at)),
            ),
            r.text ? h('p', { class: 'report-text' }, r.text) : null,
            h(
              'button',
              {
                class: 'btn btn-danger-quiet btn-small report-remove',
                // The title is no accessible name: without this, every button is just "Remove from event".
                attrs: { type: 'button', title: `Remove ${r.name} from the event`, 'aria-label': `Remove ${r.name} from the event` },
                on: { click: () => void remove(r) },
              },
              'Remove from event',
            ),
          ),
        ),
      );
      setText(empty, m.stats ? 'No reports. If someone reports a problem, it shows up here.' : FIGURES_LOADING);
      empty.hidden = reports.length > 0;
      el.classList.toggle('card-alert', reports.length > 0);
    }),
  );

  let latest: Model | null = null;
  const timer = setInterval(() => {
    if (!el.isConnected) clearInterval(timer);
    else if (latest) draw(latest);
  }, 30_000);
  return {
    el,
    update(m) {
      latest = m;
      error.update(m);
      draw(m);
    },
  };
}
