// A hostile-content corpus: payloads that try to run script, load something remote,
// navigate the window, open another, or reach Tauri's IPC, as an imported page, note or
// file could carry them. A payload that runs sets data-pwned on the app's <html> (or, for
// CSS and loads, requests /beacon/<id> from the test's server), so "0 executed" is checked,
// not assumed.

/** Script that marks the app as compromised by payload `id`. */
const RUN = (id) => `top.document.documentElement.dataset.pwned=${id}`;

/** Payloads for a page's <head>. `beacon(id)` is a URL on the test's server. */
export function headPayloads(beacon) {
  return [
    ["meta refresh to javascript:", `<meta http-equiv="refresh" content="0;url=javascript:${RUN(1)}">`],
    ["meta refresh to a page", `<meta http-equiv="refresh" content="1;url=${beacon(2)}">`],
    ["base href", `<base href="${beacon(3)}/">`],
    ["stylesheet link", `<link rel="stylesheet" href="${beacon(4)}">`],
    ["prefetch link", `<link rel="prefetch" href="${beacon(5)}"><link rel="preload" as="image" href="${beacon(5)}">`],
    ["style @import", `<style>@import url("${beacon(6)}"); body { background: url("${beacon(6)}") }</style>`],
    ["head script", `<script>${RUN(7)}</script>`],
  ];
}

/** Payloads for a page's body, each [name, html]. */
export function bodyPayloads(beacon) {
  return [
    ["script", `<script>${RUN(10)}</script>`],
    ["remote script", `<script src="${beacon(11)}"></script>`],
    ["img onerror", `<img src="x" onerror="${RUN(12)}">`],
    ["svg onload", `<svg onload="${RUN(13)}"><circle r="4"/></svg>`],
    ["details ontoggle", `<details open ontoggle="${RUN(14)}"><summary>s</summary>d</details>`],
    ["autofocus onfocus", `<input autofocus onfocus="${RUN(15)}">`],
    ["video source onerror", `<video><source onerror="${RUN(16)}"></video>`],
    ["body onload", `<body onload="${RUN(17)}">`],
    ["javascript: link", `<a href="javascript:${RUN(20)}">javascript link</a>`],
    ["entity-split javascript: link", `<a href="jav&#x09;ascript:${RUN(21)}">split scheme link</a>`],
    ["spaced javascript: link", `<a href="  javascript:${RUN(22)}">spaced scheme link</a>`],
    ["data: html link", `<a href="data:text/html,&lt;script&gt;${RUN(23)}&lt;/script&gt;">data link</a>`],
    ["entity data: link", `<a href="da&#9;ta:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">entity data link</a>`],
    ["vbscript: link", `<a href="vbscript:msgbox(1)">vbscript link</a>`],
    ["file: link", `<a href="file:///etc/passwd">file link</a>`],
    ["tauri: link", `<a href="tauri://localhost/index.html">tauri link</a>`],
    ["ipc: link", `<a href="ipc://localhost/plugin:opener|open_url">ipc link</a>`],
    ["relative link", `<a href="/index.html">relative link</a>`],
    ["traversal link", `<a href="../../../../etc/passwd">traversal link</a>`],
    ["target=_blank link", `<a href="https://example.com/blank" target="_blank" rel="opener">blank target link</a>`],
    ["mailto with attachment", `<a href="mailto:editor@example.com?subject=Hi&attach=/etc/passwd">mail link</a>`],
    ["mailto with fields in the address", `<a href="mailto:a@b&attach=/etc/passwd">smuggled mail link</a>`],
    ["plain web link", `<a href="https://example.com/plain">plain web link</a>`],
    ["iframe javascript:", `<iframe src="javascript:${RUN(30)}"></iframe>`],
    ["iframe srcdoc", `<iframe srcdoc="&lt;script&gt;${RUN(31)}&lt;/script&gt;"></iframe>`],
    ["object data:", `<object data="data:text/html,&lt;script&gt;${RUN(32)}&lt;/script&gt;"></object>`],
    ["embed", `<embed src="${beacon(33)}">`],
    ["form javascript: action", `<form action="javascript:${RUN(34)}"><input name="q" value="x"><button>form button</button></form>`],
    ["form remote action", `<form action="${beacon(35)}" method="post"><button formaction="${beacon(35)}">remote form button</button></form>`],
    ["mXSS noscript", `<noscript><p title="</noscript><img src=x onerror=${RUN(40)}>"></p></noscript>`],
    ["mXSS svg style", `<svg><style><img src=x onerror=${RUN(41)}></style></svg>`],
    ["mXSS math mglyph", `<math><mtext><table><mglyph><style><img src=x onerror=${RUN(42)}></style></mglyph></table></mtext></math>`],
    ["template", `<template><img src=x onerror="${RUN(43)}"></template>`],
    ["svg xlink javascript:", `<svg><a xlink:href="javascript:${RUN(44)}"><text y="10">svg link</text></a></svg>`],
    ["math href", `<math href="javascript:${RUN(45)}"><mi>math link</mi></math>`],
    ["svg animate", `<svg><animate onbegin="${RUN(46)}" attributeName="x" dur="1s"/></svg>`],
    ["inline style url", `<div style="background:url('${beacon(50)}')">styled block</div>`],
    ["remote image", `<img src="${beacon(51)}" alt="remote">`],
    ["srcset", `<img srcset="${beacon(52)} 2x" alt="srcset">`],
    ["audio", `<audio src="${beacon(53)}" autoplay></audio>`],
    ["DOM clobbering: ids", `<a id="__TAURI_INTERNALS__" name="__TAURI_INTERNALS__">clobber</a><form id="api"><input name="invoke"></form><img name="getElementById">`],
    ["DOM clobbering: body and cookie", `<img name="body"><img name="cookie"><div id="app">clobbered app</div>`],
    ["data: svg image", `<img src="data:image/svg+xml,&lt;svg xmlns='http://www.w3.org/2000/svg' onload='${RUN(60)}'/&gt;">`],
  ];
}

/** A whole hostile page: its title and a plain paragraph say which import path it took. */
export function hostilePage(variant, beacon) {
  const head = headPayloads(beacon).map(([, html]) => html).join("\n");
  const body = bodyPayloads(beacon)
    .map(([name, html]) => `<p>Payload: ${name}. ${html}</p>`)
    .join("\n");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hostile page ${variant}</title>${head}</head>
<body><article><h1>Hostile page ${variant}</h1>
<p>This quiet paragraph about reading ${variant} is where a reader highlights a sentence and writes a note.</p>
${body}
<p>The closing paragraph of the hostile page ${variant} is plain prose, long enough to read as an article body and to be kept by extraction.</p>
</article></body></html>`;
}

/** The same tricks in Markdown (raw HTML and link syntax), each a block. */
export function markdownPayloads(beacon) {
  return [
    `[javascript link](javascript:${RUN(71)})`,
    "[data link](data:text/html,x)",
    "[file link](file:///etc/passwd)",
    "[relative link](/index.html)",
    "[plain web link](https://example.com/md)",
    "<https://example.com/autolink>",
    "[mail link](mailto:a@b.c?attach=/etc/passwd)",
    `![remote image](${beacon(72)})`,
    "![traversal](../../../../etc/passwd)",
    `<script>${RUN(73)}</script>`,
    `<img src=x onerror="${RUN(74)}">`,
    `<svg onload="${RUN(75)}"></svg>`,
    `<a href="javascript:${RUN(76)}">raw html link</a>`,
  ];
}

/** A Markdown file carrying `markdownPayloads`, with a hostile front-matter address. */
export function hostileMarkdown(variant, beacon) {
  return `---
title: Hostile notes ${variant}
url: javascript:${RUN(70)}
---
# Hostile notes ${variant}

This quiet paragraph about reading ${variant} is plain Markdown prose.

${markdownPayloads(beacon).join("\n\n")}

The closing paragraph of the hostile notes ${variant} is plain prose as well.
`;
}

/** Payloads for a highlight's note (Markdown, rendered to sanitized HTML). */
export function notePayloads(beacon) {
  return notePayloadList(beacon).join("\n\n");
}

function notePayloadList(beacon) {
  return [
    "<script>" + RUN(80) + "</script>",
    `<img src=x onerror="${RUN(81)}">`,
    `[javascript note link](javascript:${RUN(82)})`,
    `[relative note link](/index.html)`,
    `[web note link](https://example.com/note)`,
    `![remote](${beacon(83)})`,
    `<a href="javascript:${RUN(84)}">raw note link</a>`,
    `<iframe src="javascript:${RUN(85)}"></iframe>`,
  ];
}

/** How many distinct payloads the corpus holds (each page variant carries them again). */
export function payloadCount(beacon) {
  return headPayloads(beacon).length + bodyPayloads(beacon).length + markdownPayloads(beacon).length + 1 + notePayloadList(beacon).length;
}
