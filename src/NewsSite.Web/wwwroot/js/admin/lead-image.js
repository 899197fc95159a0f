// The lead picture chosen from the library with one click: the picture's address and its words go into the fields
// (words only where the editor has not written any), and the small picture beside them follows.
export function startLeadImagePicker(form) {
  const picker = form.querySelector('[data-lead-picker]');
  if (!picker) {
    return;
  }
  picker.addEventListener('change', (event) => {
    const choice = event.target;
    if (!(choice instanceof HTMLInputElement) || choice.name !== 'PickedImage') {
      return;
    }
    const set = (name, value, always) => {
      const input = form.elements.namedItem('Fields.' + name);
      if (input && (always || input.value.trim() === '') && value) {
        input.value = value;
      }
    };
    set('Image', choice.value, true);
    set('ImageAlt', choice.dataset.alt, false);
    set('ImageCaption', choice.dataset.caption, false);
    set('ImageCredit', choice.dataset.credit, false);
    const current = document.getElementById('lead-image-current');
    const img = document.createElement('img');
    img.src = choice.dataset.thumbnail;
    img.alt = '';
    img.width = 240;
    current.replaceChildren(img);
    form.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
