import { h } from '../../shared/dom';

/** A figure's explanation, and the small button that shows and hides it. */
export interface Explanation {
  button: HTMLButtonElement;
  text: HTMLElement;
}

/**
 * What a figure means, for everyone: a hover text (`title`) reaches neither the keyboard, nor a
 * screen reader reliably, nor a finger. The button is named after its figure (`subject`) and
 * described by the text, so a screen reader reads the explanation as the focus lands on it; a
 * press shows it under the figure for everyone else (a disclosure: `aria-expanded`), Escape or
 * another press hides it. Hidden until asked for, so the dashboard stays as calm as it was.
 *
 * `id` must be unique on the page: the text is found by it.
 */
export function explanation(id: string, subject: string, words: string): Explanation {
  const text = h('p', { id, class: 'explanation', attrs: { hidden: true } }, words);
  const show = (open: boolean) => {
    text.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
  };
  const button = h(
    'button',
    {
      class: 'explain',
      attrs: { type: 'button', 'aria-label': `About “${subject}”`, 'aria-expanded': 'false', 'aria-controls': id, 'aria-describedby': id },
      on: {
        click: () => show(text.hidden),
        keydown: (e) => {
          if (e.key === 'Escape') show(false);
        },
      },
    },
    // The letter is the picture; the name is the label.
    h('span', { attrs: { 'aria-hidden': 'true' } }, 'i'),
  );
  return { button, text };
}
