// Progressive enhancement for every admin page; without it each action still works (the server asks as a second step).

// A button that takes something offline or away asks first. Confirmed, it tells the server so, which then skips its
// own confirmation step; refused, nothing is sent.
document.addEventListener('click', (event) => {
  const button = event.target instanceof Element ? event.target.closest('button[data-confirm]') : null;
  if (!button || !button.form) {
    return;
  }
  if (!window.confirm(button.dataset.confirm)) {
    event.preventDefault();
    event.stopImmediatePropagation();
    return;
  }
  let flag = button.form.querySelector('input[name="Confirmed"]');
  if (!flag) {
    flag = document.createElement('input');
    flag.type = 'hidden';
    flag.name = 'Confirmed';
    button.form.append(flag);
  }
  flag.value = 'true';
}, true);
