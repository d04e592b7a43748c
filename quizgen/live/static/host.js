// quizgen live: the host's page (the projector). Its token is the address's
// fragment, which the browser never sends anywhere; it goes to the server only
// inside the WebSocket, to prove this page is the host's.
"use strict";
(() => {
  const token = decodeURIComponent(location.hash.slice(1));
  const errors = h("p", { id: "errors", class: "error", role: "alert" });
  document.body.prepend(errors);
  let last = "";
  if (!token) {
    show(h("h1", { text: LIVE.title }),
      h("p", { text: "This is the host's page: open the host address printed where quizgen live was started." }));
    return;
  }
  const send = connect({
    open: (s) => s({ type: "host", token }),
    message: (m) => {
      if (m.type === "error") { errors.textContent = m.message; say(m.message); return; }
      if (m.type === "state") { errors.textContent = ""; render(m.view); }
    },
    close: (e) => {
      if (e.code === 1008) { errors.textContent = e.reason || "The server refused this page."; return false; }
      errors.textContent = "Connection lost: reconnecting…";
      return true;
    },
  });
  const next = (label, id) => h("button", { type: "button", class: "primary big", id, onclick: () => send({ type: "next" }) }, label);

  function render(v) {
    document.body.dataset.phase = v.phase;
    const key = `${v.phase}:${v.question ? v.question.index : -1}`;
    const fresh = key !== last;
    last = key;
    if (v.phase === "lobby") lobby(v);
    else if (v.phase === "question") question(v, fresh);
    else if (v.phase === "reveal") reveal(v, fresh);
    else podium(v);
  }
  function lobby(v) {
    show(h("h1", { text: v.title }),
      h("p", { class: "count", id: "player-count", text: `${v.players.length} ${v.players.length === 1 ? "player" : "players"} joined` }),
      h("ul", { class: "names", id: "names" }, v.players.map((n) => h("li", { text: n }))),
      next("Start the game", "start"));
    focusFirst("#start");
  }
  function options(q) {
    if (q.shape === "pairs") {
      return h("div", { class: "pairs-host" },
        h("ol", { class: "plain" }, q.names.map((n) => h("li", { text: n }))),
        h("ol", { class: "statements", type: "a" }, q.statements.map((s) => h("li", { text: s }))));
    }
    if (!q.options) return h("p", { class: "hint", text: "Type the answer on your phone." });
    return h("ol", { class: `choices ${q.shape}` }, q.options.map((o, i) =>
      h("li", { class: `c${i % 4}` }, h("span", { class: "shape", "aria-hidden": "true" }), o)));
  }
  function question(v, fresh) {
    const q = v.question;
    const answered = h("p", { class: "count", id: "answered", "aria-live": "polite",
      text: `${v.answered} of ${v.connected} answered` });
    if (!fresh) {
      const old = document.getElementById("answered");
      if (old) { old.replaceWith(answered); return; }
    }
    const clock = h("p", { class: "clock", id: "clock", role: "timer" });
    show(questionHead(q), h("h1", { class: "prompt", id: "prompt", text: promptText(q) }), clock,
      options(q), answered, next("Show the answers now", "close"));
    countdown(clock, q.remaining);
    say(`Question ${q.number}: ${promptText(q)}`);
  }
  function chart(rows) {
    const most = Math.max(1, ...rows.map((r) => r.count));
    return h("div", { class: "chart", id: "chart", role: "list", "aria-label": "Answers" }, rows.map((r, i) => {
      const bar = h("span", { class: "bar" });
      bar.style.width = `${Math.max(2, (100 * r.count) / most)}%`;
      return h("div", { class: `row c${i % 4}${r.right ? " right" : ""}`, role: "listitem" },
        h("span", { class: "label" }, r.right ? "✓ " : "", r.label),
        h("span", { class: "track" }, bar), h("span", { class: "n", text: String(r.count) }));
    }));
  }
  function board(rows) {
    return h("ol", { class: "leaderboard", id: "leaderboard" }, rows.map((r) =>
      h("li", {}, h("span", { class: "rank", text: `${r.rank}.` }), h("span", { class: "name", text: r.name }),
        h("span", { class: "score", text: `${r.score}` }),
        r.points ? h("span", { class: "plus", text: `+${r.points}` }) : null)));
  }
  function reveal(v, fresh) {
    if (!fresh) return;
    stopCountdown();
    const q = v.question;
    const r = v.reveal;
    show(questionHead(q), h("h1", { class: "prompt", text: promptText(q) }), chart(v.chart),
      h("div", { class: "answer", id: "answer" },
        h("p", { class: "answer-head", text: "Answer" }),
        h("ul", {}, r.lines.map((l) => h("li", { text: l }))),
        r.explanation ? h("p", { class: "explanation", text: r.explanation }) : null,
        h("p", { class: "source", text: `Source: ${r.sources.join("; ")}` })),
      h("h2", { text: "Leaderboard" }), board(v.leaderboard),
      next(v.last ? "Show the podium" : "Next question", "next"));
    say(`Answer: ${r.lines.join("; ")}`);
    focusFirst("#next");
  }
  function podium(v) {
    stopCountdown();
    const places = ["first", "second", "third"];
    show(h("h1", { text: "Podium" }),
      h("ol", { class: "podium", id: "podium" }, v.podium.map((p, i) =>
        h("li", { class: places[i] }, h("span", { class: "place", text: `${i + 1}` }),
          h("span", { class: "name", text: p.name }), h("span", { class: "score", text: `${p.score} points` })))),
      h("p", { class: "hint", text: `Results saved in ${LIVE.results.join(" and ")} (in the results folder).` }));
    say(`Winner: ${v.podium.length ? v.podium[0].name : "nobody"}.`);
  }
})();
