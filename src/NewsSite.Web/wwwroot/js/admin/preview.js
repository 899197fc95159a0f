// The preview beside the text follows the typing: the server renders the article exactly as the public page will
// (the same partial), a moment after the editor stops typing.
import { formData } from './form-state.js';

const DELAY_MS = 500;

export function startLivePreview(form, pane, status) {
  let timer = 0;
  let running = null;

  async function refresh() {
    running?.abort();
    running = new AbortController();
    try {
      const response = await fetch(form.dataset.livePreview, {
        method: 'POST',
        body: formData(form),
        credentials: 'same-origin',
        signal: running.signal,
      });
      if (response.status === 401 || response.redirected) {
        status.textContent = 'Ihre Sitzung ist abgelaufen: Die Vorschau ruht, Ihr Text ist in diesem Browser gesichert.';
        return;
      }
      // 200 with the article, 422 with what keeps it from being shown: both are the pane's content.
      if (response.ok || response.status === 422) {
        pane.innerHTML = await response.text();
        pane.dataset.updated = String(Date.now());
      }
    } catch (error) {
      if (error.name !== 'AbortError') {
        status.textContent = 'Vorschau nicht erreichbar; Ihr Text bleibt erhalten.';
      }
    }
  }

  form.addEventListener('input', (event) => {
    if (event.target instanceof HTMLInputElement && event.target.type === 'file') {
      return;
    }
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, DELAY_MS);
  });

  // A preview the server already rendered (after „Vorschau“) is current; an empty pane is filled at once.
  if (!pane.querySelector('.preview__page')) {
    refresh();
  }
}
