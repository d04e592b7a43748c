// quizgen live: helpers shared by the host and the player page. Everything the
// server sends is shown with textContent; nothing is ever parsed as HTML.
"use strict";
const LIVE = JSON.parse(document.getElementById("live-data").textContent);
const main = document.getElementById("main");

function show(...children) {
  main.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
}

function focusFirst(selector) {
  const el = main.querySelector(selector);
  if (el) el.focus();
}

// A WebSocket to our own server that reconnects (with a growing pause) when it
// drops, unless handlers.close returns false. Returns send(message): false when
// the socket is not open (nothing is sent then).
function connect(handlers) {
  let ws = null;
  let pause = 400;
  const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`;
  const send = (message) => {
    if (!ws || ws.readyState !== WebSocket.OPEN) return false;
    ws.send(JSON.stringify(message));
    return true;
  };
  const open = () => {
    ws = new WebSocket(url);
    ws.addEventListener("open", () => { pause = 400; handlers.open(send); });
    ws.addEventListener("message", (e) => handlers.message(JSON.parse(e.data), send));
    ws.addEventListener("close", (e) => {
      if (handlers.close && handlers.close(e) === false) return;
      window.setTimeout(open, pause);
      pause = Math.min(pause * 2, 5000);
    });
  };
  open();
  return send;
}

function ordinal(n) {
  const s = n % 100 >= 11 && n % 100 <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" }[n % 10] || "th");
  return `${n}${s}`;
}

// A countdown shown in `el`, from the seconds left when the server sent the view.
let countdownTimer = 0;
function countdown(el, remaining, onEnd) {
  window.clearInterval(countdownTimer);
  const end = performance.now() + remaining * 1000;
  const tick = () => {
    const left = Math.max(0, (end - performance.now()) / 1000);
    el.textContent = `${Math.ceil(left)}`;
    el.setAttribute("aria-label", `${Math.ceil(left)} seconds left`);
    if (left <= 0) {
      window.clearInterval(countdownTimer);
      if (onEnd) onEnd();
    }
  };
  tick();
  countdownTimer = window.setInterval(tick, 250);
}
function stopCountdown() { window.clearInterval(countdownTimer); }

function questionHead(q) {
  return h("p", { class: "meta", text: `Question ${q.number} of ${q.total} · ${q.label} · ${q.topic}` });
}
function promptText(q) {
  return q.shape === "truth" ? `True or false: ${q.prompt}` : q.prompt;
}
const LETTERS = "abcdefghijklmnopqrstuvwxyz";
