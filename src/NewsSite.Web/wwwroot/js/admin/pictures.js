// Pictures in the flow of writing: a picture dropped on or pasted into the text is uploaded at once (checked by
// content on the server, like every upload), then the editor is asked for its description, caption and credit, and
// the Markdown for it goes where the cursor was.
import { token } from './form-state.js';

const ACCEPTED = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];

/** The Markdown for a picture: the caption and credit travel in its title ("… – Foto: …"), as docs/editing.md says. */
export function pictureMarkdown(url, alt, caption, credit) {
  const clean = (text) => text.replace(/[\r\n]+/g, ' ').trim();
  const description = clean(alt).replace(/[[\]]/g, '');
  const title = [clean(caption), clean(credit) ? 'Foto: ' + clean(credit) : ''].filter((part) => part).join(' – ');
  return `![${description}](${url}${title ? ` "${title.replace(/"/g, '\'')}"` : ''})`;
}

export function startPictureDrops(form, body, status) {
  const dialog = document.getElementById('picture-dialog');

  async function upload(file) {
    const data = new FormData();
    data.append('file', file, file.name);
    data.append('__RequestVerificationToken', token(form));
    const response = await fetch(form.dataset.upload, {
      method: 'POST',
      body: data,
      headers: { Accept: 'application/json', RequestVerificationToken: token(form) },
      credentials: 'same-origin',
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new Error(answer.error ?? (response.status === 401
        ? 'Ihre Sitzung ist abgelaufen. Bitte neu anmelden; Ihr Text bleibt erhalten.'
        : 'Das Bild konnte nicht hochgeladen werden.'));
    }
    return answer;
  }

  function ask(picture) {
    return new Promise((resolve) => {
      dialog.querySelector('#picture-dialog-image').src = picture.thumbnail ?? picture.url;
      dialog.querySelector('#picture-alt').value = picture.alt ?? '';
      dialog.querySelector('#picture-caption').value = picture.caption ?? '';
      dialog.querySelector('#picture-credit').value = picture.credit ?? '';
      dialog.addEventListener('close', () => resolve(dialog.returnValue === 'insert' ? {
        alt: dialog.querySelector('#picture-alt').value,
        caption: dialog.querySelector('#picture-caption').value,
        credit: dialog.querySelector('#picture-credit').value,
      } : null), { once: true });
      dialog.showModal();
    });
  }

  async function insert(files, start, end) {
    const pictures = [...files].filter((file) => ACCEPTED.includes(file.type));
    if (pictures.length === 0) {
      status.textContent = 'Nur PNG, JPEG, WebP und GIF lassen sich einfügen.';
      return;
    }
    for (const file of pictures) {
      status.textContent = `„${file.name}“ wird hochgeladen …`;
      let picture;
      try {
        picture = await upload(file);
      } catch (error) {
        status.textContent = `„${file.name}“: ${error.message}`;
        continue;
      }
      status.textContent = `„${file.name}“ ist hochgeladen.`;
      const words = await ask(picture);
      if (!words) {
        status.textContent = `„${file.name}“ ist hochgeladen (Bibliothek), aber nicht in den Text eingefügt.`;
        continue;
      }
      const before = body.value.slice(0, start);
      const lead = before.length === 0 || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
      const markdown = lead + pictureMarkdown(picture.url, words.alt, words.caption, words.credit) + '\n\n';
      body.focus();
      body.setRangeText(markdown, start, end, 'end');
      start = end = body.selectionEnd;
      body.dispatchEvent(new Event('input', { bubbles: true }));
      status.textContent = `„${file.name}“ ist eingefügt.`;
    }
  }

  body.addEventListener('dragover', (event) => {
    if ([...event.dataTransfer.types].includes('Files')) {
      event.preventDefault();
      body.classList.add('editor__source--drop');
    }
  });
  body.addEventListener('dragleave', () => body.classList.remove('editor__source--drop'));
  body.addEventListener('drop', (event) => {
    body.classList.remove('editor__source--drop');
    if (event.dataTransfer.files.length === 0) {
      return;
    }
    event.preventDefault();
    insert(event.dataTransfer.files, body.selectionStart, body.selectionEnd);
  });
  body.addEventListener('paste', (event) => {
    const files = event.clipboardData?.files;
    if (files && files.length > 0) {
      event.preventDefault();
      insert(files, body.selectionStart, body.selectionEnd);
    }
  });
}
