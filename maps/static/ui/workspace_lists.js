/* The workspace form's lists: "Add a line" copies a list's last line (an input, or a sub-form of an object)
 * with empty values and the next index in its names (`components[2].kind`), ids and labels. Without this
 * script the form still offers one empty line per list. */

function renumber(text, from, to) {
  return text.replace(`[${from}]`, `[${to}]`).replace(new RegExp(`-${from}(?=-|$)`), `-${to}`);
}

function nextLine(fieldset) {
  const lines = fieldset.querySelectorAll(".ws-line");
  const last = lines[lines.length - 1];
  const copy = last.cloneNode(true);
  const from = lines.length - 1;
  const to = lines.length;
  copy.querySelectorAll("input, select, textarea").forEach((input) => {
    if (input.tagName === "SELECT") { input.selectedIndex = 0; } else { input.value = ""; }
    input.removeAttribute("aria-invalid");
    input.name = renumber(input.name, from, to);
    input.id = input.id.replace(/-(\d+)$/, (m, n) => `-${Number(n) + 1}`).replace(`-${from}-`, `-${to}-`);
  });
  copy.querySelectorAll("label").forEach((label) => {
    const target = label.getAttribute("for") || "";
    label.setAttribute("for", target.replace(/-(\d+)$/, (m, n) => `-${Number(n) + 1}`).replace(`-${from}-`, `-${to}-`));
    label.textContent = label.textContent.replace(/\d+$/, String(to + 1));
  });
  const legend = copy.querySelector("legend");
  if (legend) { legend.textContent = legend.textContent.replace(/\d+/, String(to + 1)); }
  last.after(copy);
  const first = copy.querySelector("input, select, textarea");
  if (first) { first.focus(); }
}

export function wireLists(form) {
  form.querySelectorAll("button[data-add]").forEach((button) => {
    button.addEventListener("click", () => nextLine(button.closest("fieldset")));
  });
}
