// quizgen live: the host's page (the projector). The page as served holds no
// secret: the join address, the code, the QR code and the results' place come
// over the WebSocket once the page has proved it is the host's, with the token
// from the address's fragment (#token, which the browser never sends anywhere)
// or a one-time link's (#once=..., spent on first use). The token is then kept
// in this tab's session storage and taken out of the address bar, so the
// projector never shows it.
"use strict";
(() => {
  const STORE = "quizgen-live-host";
  const alerts = h("div", { id: "alerts", class: "alerts", role: "alert" });
  const errors = h("p", { id: "errors", class: "error", role: "alert" });
  const join = h("aside", { class: "join", id: "join", "aria-label": "How to join", hidden: true });
  document.body.prepend(alerts, errors, join);
  const fragment = decodeURIComponent(location.hash.slice(1));
  let once = fragment.startsWith("once=") ? fragment.slice(5) : "";
  let token = once ? "" : fragment;
  if (!token) { try { token = window.sessionStorage.getItem(STORE) || ""; } catch (e) { token = ""; } }
  const keep = (t) => { try { window.sessionStorage.setItem(STORE, t); } catch (e) { /* private mode */ } };
  if (token) keep(token);
  if (fragment) history.replaceState(null, "", location.pathname + location.search);
  let last = "";
  let roster = [];
  if (!token && !once) {
    show(h("h1", { text: LIVE.title }),
      h("p", { text: "This is the host's page: open the host address printed where quizgen live was started." }));
    return;
  }
  const send = connect({
    open: (s) => s(token ? { type: "host", token } : { type: "claim", once }),
    message: (m) => {
      if (m.type === "error") { errors.textContent = m.message; say(m.message); return; }
      if (m.type === "token") { token = m.token; once = ""; keep(token); return; }
      if (m.type === "welcome") { welcome(m); return; }
      if (m.type === "state") { errors.textContent = ""; showAlerts(m.alerts || []); render(m.view); }
    },
    close: (e) => {
      if (e.code === 1008) { errors.textContent = e.reason || "The server refused this page."; return false; }
      errors.textContent = "Connection lost: reconnecting…";
      return true;
    },
  });
  const next = (label, id) => h("button", { type: "button", class: "primary big", id, onclick: () => send({ type: "next" }) }, label);

  // ---- joining: address, code, QR code, lock ----------------------------------------
  function qr(rows) {
    const NS = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(NS, "svg");
    svg.setAttribute("viewBox", `0 0 ${rows.length} ${rows.length}`);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "QR code of the join address, with the code");
    svg.setAttribute("shape-rendering", "crispEdges");
    const back = document.createElementNS(NS, "rect");
    back.setAttribute("width", "100%");
    back.setAttribute("height", "100%");
    back.setAttribute("fill", "#ffffff");
    const path = document.createElementNS(NS, "path");
    let d = "";
    rows.forEach((row, y) => { for (let x = 0; x < row.length; x += 1) if (row[x] === "1") d += `M${x} ${y}h1v1h-1z`; });
    path.setAttribute("d", d);
    path.setAttribute("fill", "#000000");
    svg.append(back, path);
    return h("div", { class: "qr" }, svg);
  }
  let lockButton = null;
  let lockNote = null;
  function welcome(m) {
    lockButton = h("button", { type: "button", id: "lock", "aria-pressed": "false",
      onclick: () => send({ type: "lock", locked: lockButton.getAttribute("aria-pressed") !== "true" }) }, "Lock the game");
    lockNote = h("p", { class: "locked", id: "locked-note", text: "" });
    join.replaceChildren(qr(m.join.qr),
      h("div", {},
        h("p", {}, "Join at ", h("strong", { class: "url", text: m.join.url })),
        h("p", {}, "Code ", h("strong", { class: "code", id: "code", text: m.join.code })),
        lockNote),
      h("div", { class: "controls" }, lockButton));
    join.hidden = false;
    LIVE.results = m.results;
  }
  function showLock(locked) {
    if (!lockButton) return;
    lockButton.setAttribute("aria-pressed", locked ? "true" : "false");
    lockButton.textContent = locked ? "Unlock the game" : "Lock the game";
    lockNote.textContent = locked ? "Locked: no one new can join." : "";
  }
  function showAlerts(texts) {
    const now = texts.join("\n");
    if (alerts.dataset.now === now) return;
    alerts.dataset.now = now;
    alerts.replaceChildren(...texts.map((t) => h("p", { text: t })));
  }

  // ---- the players: who is in, and removing one -------------------------------------
  function remove(p) { send({ type: "remove", player: p.id }); say(`Removed ${p.name}.`); }
  function names(players) {
    return h("ul", { class: "names", id: "names" }, players.map((p) => h("li", {},
      h("span", { text: p.name }),
      h("button", { type: "button", class: "remove", "aria-label": `Remove ${p.name}`, title: `Remove ${p.name}`,
        onclick: () => remove(p) }, "×"))));
  }
  function rosterPanel(players) {
    const open = document.getElementById("roster");
    const panel = h("details", { class: "roster", id: "roster", open: open ? open.open : false },
      h("summary", { text: `Players (${players.length})` }), names(players));
    return panel;
  }
  function updateRoster(players) {
    const key = JSON.stringify(players.map((p) => [p.id, p.name]));
    if (key === JSON.stringify(roster)) return;
    roster = players.map((p) => [p.id, p.name]);
    const old = document.getElementById("roster");
    if (old) old.replaceWith(rosterPanel(players));
    const lobbyNames = document.getElementById("names");
    if (lobbyNames && !old) lobbyNames.replaceWith(names(players));
  }

  // ---- the views ----------------------------------------------------------------------
  function render(v) {
    document.body.dataset.phase = v.phase;
    showLock(v.locked);
    const key = `${v.phase}:${v.question ? v.question.index : -1}`;
    const fresh = key !== last;
    last = key;
    if (v.phase === "lobby") lobby(v, fresh);
    else if (v.phase === "question") question(v, fresh);
    else if (v.phase === "reveal") reveal(v, fresh);
    else podium(v, fresh);
    if (!fresh) updateRoster(v.players);
    else roster = v.players.map((p) => [p.id, p.name]);
  }
  function lobby(v, fresh) {
    const count = `${v.players.length} ${v.players.length === 1 ? "player" : "players"} joined`;
    if (!fresh) {
      const el = document.getElementById("player-count");
      if (el) { el.textContent = count; return; }
    }
    show(h("h1", { text: v.title }),
      h("p", { class: "count", id: "player-count", "aria-live": "polite", text: count }),
      names(v.players),
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
    show(questionHead(q), clock, h("h1", { class: "prompt", id: "prompt", text: promptText(q) }),
      options(q), answered, next("Show the answers now", "close"), rosterPanel(v.players));
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
        h("span", { class: "track", "aria-hidden": "true" }, bar), h("span", { class: "n", text: String(r.count) }));
    }));
  }
  function board(rows) {
    return h("ol", { class: "leaderboard", id: "leaderboard" }, rows.map((r) =>
      h("li", {}, h("span", { class: "rank", text: `${r.place}.` }), h("span", { class: "name", text: r.name }),
        h("span", { class: "score", text: `${r.score}` }),
        h("span", { class: "plus", text: r.points ? `+${r.points}` : "" }))));
  }
  function reveal(v, fresh) {
    if (!fresh) return;
    stopCountdown();
    const q = v.question;
    const r = v.reveal;
    show(questionHead(q), h("h1", { class: "prompt", id: "prompt", text: promptText(q) }),
      h("div", { class: "reveal" },
        h("div", {}, chart(v.chart),
          h("div", { class: "answer", id: "answer" },
            h("p", { class: "answer-head", text: "Answer" }),
            h("ul", {}, r.lines.map((l) => h("li", { text: l }))),
            r.explanation ? h("p", { class: "explanation", text: r.explanation }) : null,
            h("p", { class: "source", text: `Source: ${r.sources.join("; ")}` }))),
        h("div", {}, h("h2", { text: "Leaderboard" }), board(v.leaderboard),
          next(v.last ? "Show the podium" : "Next question", "next"))),
      rosterPanel(v.players));
    say(`Answer: ${r.lines.join("; ")}`);
    const button = document.getElementById("next");
    if (button) button.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }
  function podium(v, fresh) {
    if (!fresh) return;
    stopCountdown();
    const places = { 1: "first", 2: "second", 3: "third" };
    const groups = [1, 2, 3].map((place) => v.podium.places.filter((p) => p.place === place)).filter((g) => g.length);
    show(h("h1", { text: "Podium" }),
      h("ol", { class: "podium", id: "podium" }, groups.map((g) =>
        h("li", { class: places[g[0].place] }, h("span", { class: "place", text: ordinal(g[0].place) }),
          h("ul", { class: "winners" }, g.map((p) => h("li", {}, h("span", { class: "name", text: p.name })))),
          h("span", { class: "score", text: `${g[0].score} points` })))),
      v.podium.more ? h("p", { class: "hint", text: `and ${v.podium.more} more in the first three places` }) : null,
      h("p", { class: "hint", id: "saved", text: `Results saved in ${(LIVE.results || []).join(" and ")}.` }),
      rosterPanel(v.players));
    const first = groups.length ? groups[0].map((p) => p.name).join(" and ") : "nobody";
    say(`Winner: ${first}.`);
  }
})();
