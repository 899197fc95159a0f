// The article editor's enhancements. The form works without them: this adds autosave, the live preview, pictures by
// drag and drop or paste, tag suggestions and Ctrl/Cmd+S.
import { startAutosave } from './autosave.js';
import { startLivePreview } from './preview.js';
import { startPictureDrops } from './pictures.js';
import { startTagSuggestions } from './tags.js';
import { startLeadImagePicker } from './lead-image.js';

const form = document.getElementById('editor');
if (form) {
  const status = document.getElementById('editor-status');
  const body = document.getElementById('body');
  document.documentElement.classList.add('editor-enhanced');

  startAutosave(form, status);
  startLivePreview(form, document.getElementById('preview-pane'), status);
  startPictureDrops(form, body, status);
  startLeadImagePicker(form);
  for (const input of form.querySelectorAll('[data-tag-input]')) {
    startTagSuggestions(input);
  }

  document.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
      event.preventDefault();
      form.requestSubmit(form.querySelector('[data-shortcut-save]'));
    }
  });
}
