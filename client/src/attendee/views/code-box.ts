import { JOIN_CODE_LENGTH, joinCodeProblem } from '../../../../shared/join-code';
import { h } from '../../shared/dom';

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
        error.textContent = '';
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
          // Spaces and dashes are how people copy a code down, never part of it.
          const code = input.value.replace(/[\s-]/g, '').toUpperCase();
          if (!code) return input.focus();
          const problem = joinCodeProblem(code);
          if (!problem) return location.assign(`/e/${encodeURIComponent(code)}`);
          error.textContent =
            problem.kind === 'not_in_alphabet'
              ? `Join codes never use ${problem.chars.map((c) => `“${c}”`).join(' or ')}. Check the poster and try again.`
              : `Join codes have ${JOIN_CODE_LENGTH} characters. Check the poster and try again.`;
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
