// What the article form holds, as plain data: the same names the server binds (Fields.Title …, Body).

/** The fields and the body as they stand now. */
export function snapshot(form) {
  const fields = {};
  for (const input of form.querySelectorAll('[name^="Fields."]')) {
    fields[input.name.slice('Fields.'.length)] = input.value;
  }
  return { fields, body: form.elements.namedItem('Body').value };
}

/** Whether two snapshots say the same (line endings aside: the browser sends CRLF, textareas hold LF). */
export function same(a, b) {
  const clean = (s) => ({ fields: s.fields, body: s.body.replace(/\r\n/g, '\n').trim() });
  return JSON.stringify(clean(a)) === JSON.stringify(clean(b));
}

/** Puts a snapshot back into the form, and tells every listener (preview, autosave) that the text changed. */
export function restore(form, state) {
  for (const [name, value] of Object.entries(state.fields ?? {})) {
    const input = form.elements.namedItem('Fields.' + name);
    if (input) {
      input.value = value;
    }
  }
  form.elements.namedItem('Body').value = state.body ?? '';
  form.dispatchEvent(new Event('input', { bubbles: true }));
}

/** The form as the server reads it, without the file input (a chosen file is sent only by its own button). */
export function formData(form) {
  const data = new FormData(form);
  data.delete('image');
  return data;
}

/** The antiforgery token the page was rendered with. */
export function token(form) {
  return form.querySelector('input[name="__RequestVerificationToken"]')?.value ?? '';
}
