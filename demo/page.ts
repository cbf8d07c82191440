/** The demo page's elements and its error banner. */

export function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`demo: #${id} is missing from index.html`);
  return found as T;
}

const disabledOnError: HTMLButtonElement[] = [];

/** Buttons that an error (no WebGPU, a lost device) disables. */
export function disableOnError(button: HTMLButtonElement): void {
  disabledOnError.push(button);
}

/** Shows `message` in the adapter banner, as an error, and disables the buttons. */
export function showError(message: string): void {
  const banner = element<HTMLDivElement>('adapter');
  banner.textContent = message;
  banner.classList.add('error');
  for (const button of disabledOnError) button.disabled = true;
}
