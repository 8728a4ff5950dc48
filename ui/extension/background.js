// The background of the Lectern extension: the context menu entries, and a badge on the
// toolbar button saying how a save from the menu went (the popup says it in words).
"use strict";

// Chromium runs this file alone as a service worker; Firefox loads save.js before it.
if (typeof saveTab === "undefined" && typeof importScripts === "function") importScripts("save.js");

const MENU_PAGE = "lectern-save-page";
const MENU_SELECTION = "lectern-save-selection";

chrome.runtime.onInstalled.addListener(() => {
  chrome.contextMenus.create({ id: MENU_PAGE, title: "Save page to Lectern", contexts: ["page"] });
  chrome.contextMenus.create({ id: MENU_SELECTION, title: "Save to Lectern with this highlight", contexts: ["selection"] });
});

chrome.contextMenus.onClicked.addListener(async (info, tab) => {
  if (!tab || tab.id === undefined) return;
  const reply = await saveTab(tab.id);
  await chrome.action.setBadgeBackgroundColor({ tabId: tab.id, color: reply.ok ? "#2f6f8f" : "#b3261e" });
  await chrome.action.setBadgeText({ tabId: tab.id, text: reply.ok ? "✓" : "!" });
  await chrome.action.setTitle({ tabId: tab.id, title: describe(reply) });
});
