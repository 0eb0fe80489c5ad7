import { h } from '../../shared/dom';
import { codeOutcome } from '../../shared/join-code';
import { say } from '../../shared/live-region';

/**
 * "Have the right code?": for someone whose link or typed code found no event. Reloading would
 * ask for the same wrong code again, so the box holds it, ready to be corrected, and checks a
 * new one with the server's rule before leaving the page (as the home page's code box does).
 */
export function codeBox(wrong: string): HTMLFormElement {
  const input = h('input', {
    id: 'missing-code',
    attrs: {
      type: 'text',
      autocomplete: 'off',
      autocapitalize: 'characters',
      spellcheck: 'false',
      enterkeyhint: 'go',
      placeholder: 'K7QX3M',
      'aria-describedby': 'missing-code-error',
    },
    on: {
      input: () => {
        say(error, '');
        input.removeAttribute('aria-invalid');
      },
    },
  });
  input.value = wrong;
  const error = h('p', { id: 'missing-code-error', class: 'form-error', attrs: { role: 'alert' } });
  return h(
    'form',
    {
      class: 'code-box',
      attrs: { novalidate: true },
      on: {
        submit: (e) => {
          e.preventDefault();
          const outcome = codeOutcome(input.value);
          if (!outcome) return input.focus();
          if ('go' in outcome) return location.assign(outcome.go);
          say(error, outcome.problem);
          input.setAttribute('aria-invalid', 'true');
          input.focus();
        },
      },
    },
    h('label', { class: 'field-label', attrs: { for: input.id } }, 'Event code'),
    h('div', { class: 'code-box-row' }, input, h('button', { class: 'btn btn-primary', attrs: { type: 'submit' } }, 'Open event')),
    error,
  );
}
