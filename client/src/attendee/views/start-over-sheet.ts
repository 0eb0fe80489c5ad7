import { h } from '../../shared/dom';
import type { Actions } from '../model';
import { sheetHint, type SheetView } from './sheet';

/**
 * "Not Ann? Start over", asked once more: it signs this phone out of Ann for good (her People I
 * met and the details swapped there are no longer reachable from it), so a stray tap must not do it.
 */
export function startOverSheet(name: string, actions: Actions): SheetView {
  const button = (label: string, style: string, onTap: () => void) =>
    h('button', { class: `btn btn-${style} btn-block`, attrs: { type: 'button' }, on: { click: onTap } }, label);
  const body = h(
    'div',
    { class: 'sheet-body', data: { startOver: '' } },
    h('p', { class: 'sheet-lead' }, `Start over as someone other than ${name}?`),
    sheetHint(
      `This phone will forget ${name}: the people ${name} met and any details swapped with them can't be opened from it again. ` +
        'Use this when someone else takes over the phone. To delete your data instead, use “Your data”.',
    ),
    h('div', { class: 'sheet-actions' }, button(`Keep me as ${name}`, 'secondary', actions.closeSheet), button('Start over', 'danger', actions.startOver)),
  );
  return { title: 'Start over', el: body };
}
