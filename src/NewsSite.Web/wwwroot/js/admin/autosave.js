// Nothing typed is lost: every change is kept in this browser at once and sent to the server every few seconds as
// this editor's autosave of this article (never a revision, never public). Opening the article again offers what was
// kept when it differs from the saved version.
import { snapshot, same, restore, formData } from './form-state.js';

const SERVER_INTERVAL_MS = 5000;
const LOCAL_DELAY_MS = 400;

function storageKey(form) {
  return 'newssite.autosave.' + form.dataset.storageKey;
}

function readLocal(key) {
  try {
    return JSON.parse(window.localStorage.getItem(key) ?? 'null');
  } catch {
    return null;
  }
}

function writeLocal(key, value) {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or refused (private mode): the server's autosave still has the text.
  }
}

function germanTime(date) {
  return date.toLocaleString('de-DE', { dateStyle: 'long', timeStyle: 'short' }) + ' Uhr';
}

export function startAutosave(form, status) {
  const key = storageKey(form);
  const saved = snapshot(form);
  let lastSent = saved;
  let submitting = false;
  let localTimer = 0;

  const dirty = () => !same(snapshot(form), saved);
  const keepLocally = () => writeLocal(key, { ...snapshot(form), revision: Number(form.dataset.revision), savedAt: Date.now() });

  offerLocalCopy(form, key, saved);

  form.addEventListener('input', () => {
    window.clearTimeout(localTimer);
    localTimer = window.setTimeout(() => {
      if (dirty()) {
        keepLocally();
      }
    }, LOCAL_DELAY_MS);
  });

  // Every button that saves leaves the page on purpose; the text is kept here in case the save does not arrive
  // (a session that ended sends it to the login page).
  form.addEventListener('submit', () => {
    submitting = true;
    if (dirty()) {
      keepLocally();
    }
  });

  window.addEventListener('beforeunload', (event) => {
    if (!submitting && dirty()) {
      keepLocally();
      event.preventDefault();
      event.returnValue = '';
    }
  });

  window.setInterval(async () => {
    const now = snapshot(form);
    if (same(now, lastSent) || !dirty()) {
      return;
    }
    try {
      const response = await fetch(form.dataset.autosave, {
        method: 'POST',
        body: new URLSearchParams(formData(form)),
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
      });
      const answer = await response.json().catch(() => ({}));
      if (response.ok) {
        lastSent = now;
        status.textContent = 'Automatisch gespeichert: ' + (answer.savedAtText ?? germanTime(new Date()));
      } else if (response.status === 401) {
        status.textContent = 'Ihre Sitzung ist abgelaufen. Ihr Text ist in diesem Browser gesichert; nach dem Anmelden (auch in einem anderen Tab) wird er wieder angeboten.';
      } else {
        status.textContent = answer.error ?? 'Automatisches Speichern fehlgeschlagen; Ihr Text ist in diesem Browser gesichert.';
      }
    } catch {
      status.textContent = 'Keine Verbindung zum Server; Ihr Text ist in diesem Browser gesichert.';
    }
  }, SERVER_INTERVAL_MS);

  return { dirty, discardLocal: () => window.localStorage.removeItem(key) };
}

// A copy kept in this browser that differs from the form: offered above the form, with the time it was kept.
function offerLocalCopy(form, key, current) {
  // A new article's copy is done with once it was saved as this article.
  const fresh = readLocal('newssite.autosave.neu');
  if (form.dataset.storageKey !== 'neu' && fresh && same(fresh, current)) {
    window.localStorage.removeItem('newssite.autosave.neu');
  }

  const copy = readLocal(key);
  if (!copy) {
    return;
  }
  if (same(copy, current)) {
    window.localStorage.removeItem(key);
    return;
  }
  const server = document.querySelector('[data-server-autosave]');
  if (server && Number(server.dataset.savedAt) >= copy.savedAt) {
    return; // the server's autosave is as new and is offered by the page itself
  }

  const offer = document.getElementById('autosave-offer');
  offer.className = 'notice autosave-offer';
  offer.setAttribute('role', 'alert');
  const text = document.createElement('p');
  const heading = document.createElement('strong');
  heading.textContent = 'Ungespeicherte Fassung gefunden. ';
  text.append(heading, 'In diesem Browser liegt eine Fassung vom ' + germanTime(new Date(copy.savedAt)) +
    ', die nicht gespeichert wurde' + (copy.revision < Number(form.dataset.revision) ? ' (auf einer älteren Version begonnen)' : '') + '.');
  const take = document.createElement('button');
  take.type = 'button';
  take.className = 'button button--primary';
  take.textContent = 'Wiederherstellen';
  take.addEventListener('click', () => {
    restore(form, copy);
    offer.hidden = true;
    document.getElementById('editor-status').textContent =
      'Die ungespeicherte Fassung ist wiederhergestellt. Noch nicht gespeichert: bitte „Als Entwurf speichern“ oder „Veröffentlichen“.';
    document.getElementById('body').focus();
  });
  const drop = document.createElement('button');
  drop.type = 'button';
  drop.className = 'button';
  drop.textContent = 'Verwerfen';
  drop.addEventListener('click', () => {
    window.localStorage.removeItem(key);
    offer.hidden = true;
  });
  const actions = document.createElement('p');
  actions.className = 'autosave-offer__actions';
  actions.append(take, ' ', drop);
  offer.replaceChildren(text, actions);
  offer.hidden = false;
}
