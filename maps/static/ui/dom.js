/* The one way browser code makes elements: text always through textContent, never parsed as HTML. */
export function el(tag, cls, text, parent) {
  const node = document.createElement(tag);
  if (cls) { node.className = cls; }
  if (text !== null && text !== undefined) { node.textContent = String(text); }
  if (parent) { parent.appendChild(node); }
  return node;
}
