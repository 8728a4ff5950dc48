// The article text, as the webview sees it: the text nodes of the rendered article in
// document order. lectern-core computes the same string (core/src/text.rs); highlight
// and bookmark offsets are positions in it.
export function articleText(root: Node): string {
  return root.textContent ?? "";
}
