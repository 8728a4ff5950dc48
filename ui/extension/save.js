// Saving a tab to Lectern, shared by the popup and the background (toolbar, context menu,
// keyboard shortcut). The page is read in the tab as the user sees it (so pages behind a
// login work) and sent to Lectern's native-messaging host, which saves it in the library.
"use strict";

/** The native-messaging host Lectern installs (lectern-cli browser install). */
const LECTERN_HOST = "app.lectern.reader";

/** How much text around the selection goes along, to find the right one of several
 * identical passages. */
const CONTEXT_CHARS = 32;

/** Runs inside the page: its DOM as rendered, address, title and the selection with a
 * little context. Kept self-contained: it is serialized into the tab. */
function readPage(contextChars) {
  const selection = window.getSelection();
  let selected = "";
  let prefix = "";
  let suffix = "";
  if (selection && !selection.isCollapsed && selection.rangeCount > 0) {
    selected = selection.toString();
    const range = selection.getRangeAt(0);
    const before = document.createRange();
    before.setStart(document.body, 0);
    before.setEnd(range.startContainer, range.startOffset);
    prefix = before.toString().slice(-contextChars);
    const after = document.createRange();
    after.setStart(range.endContainer, range.endOffset);
    after.setEnd(document.body, document.body.childNodes.length);
    suffix = after.toString().slice(0, contextChars);
  }
  return {
    url: location.href,
    title: document.title,
    html: document.documentElement.outerHTML,
    selection: selected || null,
    prefix: prefix || null,
    suffix: suffix || null,
  };
}

/** Words for an error, for a person. */
function explain(error) {
  const message = String((error && error.message) || error);
  if (/native messaging host not found|specified native messaging host|No such native application/i.test(message)) {
    return "Lectern is not connected to this browser yet. In Lectern open Aa → Browser → Connect browsers (or run “lectern-cli browser install”), then try again.";
  }
  if (/Cannot access|cannot be scripted|chrome:\/\/|about:|Missing host permission|extensions gallery/i.test(message)) {
    return "This page cannot be saved: the browser does not let extensions read it.";
  }
  if (/exited|disconnected|Error when communicating/i.test(message)) {
    return "Lectern stopped while saving. Try again; if it keeps failing, reinstall the browser connection from Lectern.";
  }
  return message;
}

/** Save the page in `tabId`. Resolves with Lectern's answer:
 * {ok: true, id, title, status: "added"|"exists"|"updated", selection?} or
 * {ok: false, error: {kind, message}}. Never rejects. */
async function saveTab(tabId) {
  try {
    const [injection] = await chrome.scripting.executeScript({ target: { tabId }, func: readPage, args: [CONTEXT_CHARS] });
    const page = injection && injection.result;
    if (!page) throw new Error("The page could not be read.");
    if (!/^https?:/.test(page.url)) return { ok: false, error: { kind: "invalidInput", message: "Only web pages (http and https) can be saved." } };
    const reply = await chrome.runtime.sendNativeMessage(LECTERN_HOST, { action: "save", ...page });
    return reply || { ok: false, error: { kind: "internal", message: "Lectern gave no answer." } };
  } catch (error) {
    return { ok: false, error: { kind: "connection", message: explain(error) } };
  }
}

/** Show article `id` in the Lectern app (started if it is not running). Resolves with
 * {ok: true} or {ok: false, error}. Never rejects. */
async function openInLectern(id) {
  try {
    const reply = await chrome.runtime.sendNativeMessage(LECTERN_HOST, { action: "open", id });
    return reply || { ok: false, error: { kind: "internal", message: "Lectern gave no answer." } };
  } catch (error) {
    return { ok: false, error: { kind: "connection", message: explain(error) } };
  }
}

/** One line for what happened. */
function describe(reply) {
  if (!reply.ok) return reply.error.message;
  const saved = { added: "Saved to Lectern", exists: "Already in your library", updated: "Updated in your library" }[reply.status] || "Saved";
  const highlight = {
    highlighted: " · Your selection is highlighted.",
    alreadyHighlighted: " · Your selection was highlighted already.",
    kept: " · Your selection is not in the article’s text; it is kept with the article’s unplaced highlights.",
  }[reply.selection] || "";
  return saved + highlight;
}
