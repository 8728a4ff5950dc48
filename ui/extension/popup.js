// The popup: opening it (toolbar button or Alt+Shift+L) saves the page at once and says
// what happened, with "Open in Lectern".
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
  element("open").hidden = !reply.ok;
  element("retry").hidden = reply.ok;
  element("open").onclick = async () => {
    const opened = await openInLectern(reply.id);
    if (opened && opened.ok) window.close();
    else show({ ok: false, error: (opened && opened.error) || { kind: "internal", message: "Lectern could not be opened." } });
  };
}

async function save() {
  element("status").textContent = "Saving…";
  element("status").className = "status";
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  show(tab && tab.id !== undefined ? await saveTab(tab.id) : { ok: false, error: { kind: "invalidInput", message: "There is no page to save." } });
}

element("retry").addEventListener("click", () => void save());
void save();
