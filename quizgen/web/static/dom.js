// quizgen pages: the two DOM helpers the study page and the live pages share.
// Text is only ever set with textContent; nothing is parsed as HTML.
"use strict";

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function say(message) {
  // Cleared first, so the same message twice is announced twice.
  const announcer = document.getElementById("announce");
  announcer.textContent = "";
  window.setTimeout(() => { announcer.textContent = message; }, 30);
}
