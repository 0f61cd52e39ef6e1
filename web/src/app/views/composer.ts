import { button, el } from '../dom/el.js';

/** docs/protocol.md §10: a prompt is at most 100,000 characters; the host refuses longer. */
const MAX_PROMPT_CHARS = 100_000;

/**
 * The prompt box. Enter sends on a device with a fine pointer (a desktop); on a phone Enter is a
 * newline and the Send button sends, because a soft keyboard's Enter is too easy to hit.
 * Shift+Enter is always a newline. Interrupt shows only while the agent works.
 */
export class Composer {
  readonly element: HTMLElement;
  private readonly input = el('textarea', { class: 'prompt-input', attrs: { rows: '1', placeholder: 'Message the agent…', 'aria-label': 'Prompt', enterkeyhint: 'send' } });
  private readonly error = el('p', { class: 'field-error', attrs: { role: 'alert' } });
  private readonly interrupt: HTMLButtonElement;
  private readonly sendButton: HTMLButtonElement;

  constructor(send: (text: string) => boolean, interrupt: () => void) {
    const submit = (): void => {
      const text = this.input.value;
      if (text.trim() === '') return;
      if (text.length > MAX_PROMPT_CHARS) {
        this.error.textContent = `That prompt is over ${MAX_PROMPT_CHARS.toLocaleString('en')} characters; nothing was sent.`;
        return;
      }
      if (!send(text)) return;
      this.error.textContent = '';
      this.input.value = '';
    };
    this.input.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' || event.shiftKey || event.isComposing || !enterSends()) return;
      event.preventDefault();
      submit();
    });
    this.interrupt = button('Interrupt', 'button button-interrupt', interrupt);
    this.interrupt.hidden = true;
    this.sendButton = button('Send', 'button button-primary button-send', submit);
    this.element = el('footer', { class: 'composer' }, this.error, el('div', { class: 'composer-row' }, this.input, this.interrupt, this.sendButton));
  }

  setRunning(running: boolean): void {
    this.interrupt.hidden = !running;
  }

  setEnabled(enabled: boolean): void {
    this.input.disabled = !enabled;
    this.sendButton.disabled = !enabled;
    this.interrupt.disabled = !enabled;
  }
}

function enterSends(): boolean {
  return window.matchMedia('(pointer: fine)').matches;
}
