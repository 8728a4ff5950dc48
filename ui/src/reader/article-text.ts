// The article text, as the webview sees it: the text nodes of the rendered article in
// document order. lectern-core computes the same string (core/src/text.rs); highlight
// and bookmark offsets are positions in it. Blocks need no rule here: the stored HTML
// already carries a "\n" text node wherever two blocks would otherwise touch.
export function articleText(root: Node): string {
  return root.textContent ?? "";
}
