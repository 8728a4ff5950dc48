// The popup: opening it (toolbar button or Alt+Shift+L) saves the page at once and says
// what happened.
"use strict";

const element = (id) => document.getElementById(id);

function show(reply) {
  const status = element("status");
  status.textContent = reply.ok ? describe(reply).split(" · ")[0] : "Not saved";
  status.className = `status ${reply.ok ? "ok" : "failed"}`;
  element("title").hidden = !reply.ok;
  element("title").textContent = reply.ok ? reply.title : "";
  const detail = reply.ok ? describe(reply).split(" · ")[1] || "" : reply.error.message;
  element("detail").hidden = detail === "";
  element("detail").textContent = detail;
  element("retry").hidden = reply.ok;
  element("open").hidden = !(reply.ok && reply.id);
  element("open").dataset.id = reply.ok && reply.id ? String(reply.id) : "";
}

async function open() {
  const reply = await openInLectern(Number(element("open").dataset.id));
  if (reply.ok) {
    window.close();
    return;
  }
  element("detail").hidden = false;
  element("detail").textContent = reply.error.message;
}

async function save() {
  element("status").textContent = "Saving…";
  element("status").className = "status";
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  show(tab && tab.id !== undefined ? await saveTab(tab.id) : { ok: false, error: { kind: "invalidInput", message: "There is no page to save." } });
}

element("retry").addEventListener("click", () => void save());
element("open").addEventListener("click", () => void open());
void save();
