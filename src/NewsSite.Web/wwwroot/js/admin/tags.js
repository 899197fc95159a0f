// Suggestions for the last of several comma-separated tags: the browser's list suggests whole values, so each
// suggestion is the tags typed so far followed by a known tag that begins like the one being typed.
export function startTagSuggestions(input) {
  const list = document.getElementById(input.getAttribute('list'));
  if (!list) {
    return;
  }
  const known = [...list.options].map((option) => option.value);

  input.addEventListener('input', () => {
    const parts = input.value.split(',');
    const typing = parts.pop().trim().toLocaleLowerCase('de-DE');
    const before = parts.map((part) => part.trim()).filter((part) => part.length > 0);
    const prefix = before.length > 0 ? before.join(', ') + ', ' : '';
    const taken = new Set(before.map((tag) => tag.toLocaleLowerCase('de-DE')));
    const matches = known
      .filter((tag) => !taken.has(tag.toLocaleLowerCase('de-DE')) && tag.toLocaleLowerCase('de-DE').startsWith(typing))
      .slice(0, 12);
    list.replaceChildren(...matches.map((tag) => new Option(prefix + tag, prefix + tag)));
  });
}
