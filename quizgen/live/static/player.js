// quizgen live: a student's page (a phone). The phone never knows an answer
// before the host reveals it, nor whether its own was right: the server sends
// the question, then only "answer received" (its score and place stay as they
// were until the reveal). A token kept in localStorage lets a phone that drops
// rejoin with its name and score.
"use strict";
(() => {
  const STORE = "quizgen-live";
  const errors = h("p", { id: "errors", class: "error", role: "alert" });
  document.body.prepend(errors);
  let stored = null;
  try { stored = JSON.parse(window.localStorage.getItem(STORE) || "null"); } catch (e) { stored = null; }
  let last = "";
  let joined = false;
  let ended = false;
  // The socket opens when the phone has something to say (a stored token, or the
  // join form sent), so no idle socket waits while a student types.
  let link = null;
  let waiting = null;
  const forget = () => {
    stored = null;
    try { window.localStorage.removeItem(STORE); } catch (e) { /* ignore */ }
  };
  const handlers = {
    open: (s) => {
      const again = joined && stored && stored.token;
      if (again) s({ type: "rejoin", token: stored.token });
      if (waiting && (!again || waiting.type === "answer")) s(waiting);  // an answer sent as it dropped
      waiting = null;
    },
    message: (m) => {
      if (m.type === "error") return error(m.message);
      if (m.type === "joined") {
        joined = true;
        stored = { token: m.token, name: m.name };
        try { window.localStorage.setItem(STORE, JSON.stringify(stored)); } catch (e) { /* private mode */ }
        errors.textContent = "";
        say(`Joined as ${m.name}.`);
      }
      if (m.type === "state") render(m.view);
      return undefined;
    },
    close: (e) => {
      if (e.code === 4001) { removed(e.reason); return false; }
      if (e.code === 1008 || e.code === 4000) { error(e.reason || "The game closed this connection."); link = null; return false; }
      if (joined && !ended) { errors.textContent = "Connection lost: reconnecting…"; return true; }
      if (waiting) return true;  // sent as the socket closed: send it on a new one
      link = null;  // not in the game yet: a new socket opens when the student sends something
      return false;
    },
  };
  function talk(message) {
    if (link && link(message)) return;
    waiting = message;
    if (!link) link = connect(handlers);
  }
  if (stored && stored.token) {
    joined = true;  // until the server says otherwise
    talk({ type: "rejoin", token: stored.token });
  } else {
    joinForm();
  }

  function error(message) {
    errors.textContent = message;
    say(message);
    if (/join again/.test(message)) {
      joined = false;
      forget();
      joinForm();
    }
    if (document.body.dataset.phase === "question") {  // refused: let the student try again
      for (const el of main.querySelectorAll("button, input, select")) { el.disabled = false; el.classList.remove("sent"); }
    }
  }
  function removed(reason) {
    joined = false;
    ended = true;
    forget();
    stopCountdown();
    document.body.dataset.phase = "removed";
    show(h("h1", { id: "removed", text: reason || "The teacher removed you from the game." }));
    say(reason || "The teacher removed you from the game.");
  }

  function joinForm() {
    document.body.dataset.phase = "join";
    const fromLink = /^#\d{4,8}$/.test(location.hash) ? location.hash.slice(1) : "";
    const code = h("input", { id: "code", inputmode: "numeric", autocomplete: "off", maxlength: 8, value: fromLink, required: true });
    const name = h("input", { id: "name", autocomplete: "nickname", maxlength: 20, required: true });
    show(h("h1", { text: LIVE.title }),
      h("form", { class: "join-form", onsubmit: (e) => {
        e.preventDefault();
        talk({ type: "join", code: code.value.trim(), name: name.value });
      } },
      h("label", { for: "code", text: "Game code" }), code,
      h("label", { for: "name", text: "Your name" }), name,
      h("button", { type: "submit", class: "primary big", id: "join" }, "Join")));
    (fromLink ? name : code).focus();
  }

  function standing(v) {
    return `${ordinal(v.place)}${v.tied ? " (tied)" : ""} of ${v.of}`;
  }
  function render(v) {
    joined = true;
    document.body.dataset.phase = v.phase;
    const key = `${v.phase}:${v.question ? v.question.index : -1}:${v.answered}`;
    if (key === last) return updateScore(v);
    last = key;
    errors.textContent = "";
    const status = h("p", { class: "me", id: "me", text: `${v.name} · ${v.score} points` });
    if (v.phase === "lobby") {
      show(status, h("h1", { text: `You're in, ${v.name}!` }), h("p", { text: "Watch the screen: the game starts soon." }));
    } else if (v.phase === "question" && v.answered) {
      stopCountdown();
      show(status, questionHead(v.question), h("h1", { id: "sent", text: "Answer sent." }),
        h("p", { text: "Waiting for the others…" }));
      say("Answer sent.");
    } else if (v.phase === "question") {
      question(v, status);
    } else if (v.phase === "reveal") {
      reveal(v, status);
    } else {
      ended = true;
      stopCountdown();
      const podium = v.podium.places.map((p) => h("li", {}, `${ordinal(p.place)} `, h("span", { text: p.name }), ` · ${p.score}`));
      show(h("h1", { id: "final", text: `You finished ${standing(v)}` }),
        h("p", { class: "score", text: `${v.score} points` }), h("h2", { text: "Podium" }),
        h("ul", { class: "plain" }, podium),
        v.podium.more ? h("p", { class: "hint", text: `and ${v.podium.more} more` }) : null);
      say(`Game over. You finished ${standing(v)} with ${v.score} points.`);
    }
  }
  function updateScore(v) {
    const me = document.getElementById("me");
    if (me) me.textContent = `${v.name} · ${v.score} points`;
  }

  function question(v, status) {
    const q = v.question;
    const answer = (value) => {
      for (const b of main.querySelectorAll("button")) { b.disabled = true; }
      const active = document.activeElement;
      if (active && active.tagName === "BUTTON") active.classList.add("sent");
      talk({ type: "answer", question: q.index, value });
    };
    const clock = h("p", { class: "clock small", id: "clock", role: "timer" });
    show(status, questionHead(q), clock, h("h1", { class: "prompt", id: "prompt", text: promptText(q) }), widget(q, answer));
    countdown(clock, q.remaining, () => {
      for (const el of main.querySelectorAll("button, input, select")) el.disabled = true;
    });
    say(`Question ${q.number}: ${promptText(q)}`);
    focusFirst("button, input, select");
  }

  function widget(q, answer) {
    if (q.shape === "choice" || q.shape === "truth") {
      return h("div", { class: `choices ${q.shape}`, role: "group", "aria-labelledby": "prompt" },
        q.options.map((o, i) => h("button", { type: "button", class: `choice c${i % 4}`, onclick: () => answer(i) },
          h("span", { class: "shape", "aria-hidden": "true" }), o)));
    }
    if (q.shape === "text") {
      const input = h("input", { id: "typed", autocomplete: "off", autocapitalize: "off", spellcheck: "false", maxlength: 200 });
      return h("form", { class: "typed", onsubmit: (e) => { e.preventDefault(); answer(input.value); } },
        h("label", { for: "typed", text: "Your answer" }), input,
        h("button", { type: "submit", class: "primary big", id: "send" }, "Send"));
    }
    if (q.shape === "order") {
      const list = h("ol", { class: "order", id: "order" });
      q.options.forEach((o, i) => {
        const li = h("li", { "data-i": i }, h("span", { class: "text", text: o }));
        const move = (by) => {
          const rows = [...list.children];
          const to = rows.indexOf(li) + by;
          if (to < 0 || to >= rows.length) return;
          list.insertBefore(li, by < 0 ? rows[to] : rows[to].nextSibling);
          li.querySelector(by < 0 ? ".up" : ".down").focus();
        };
        li.append(h("span", { class: "moves" },
          h("button", { type: "button", class: "up", "aria-label": `Move earlier: ${o}`, onclick: () => move(-1) }, "↑"),
          h("button", { type: "button", class: "down", "aria-label": `Move later: ${o}`, onclick: () => move(1) }, "↓")));
        list.append(li);
      });
      return h("div", {}, h("p", { class: "hint", text: "Earliest first." }), list,
        h("button", { type: "button", class: "primary big", id: "send",
          onclick: () => answer([...list.children].map((li) => Number(li.dataset.i))) }, "Send"));
    }
    const selects = q.names.map((n, i) => h("div", { class: "pair" }, h("label", { for: `pair-${i}`, text: n }),
      h("select", { id: `pair-${i}` }, h("option", { value: "" }, "choose…"),
        q.statements.map((s, j) => h("option", { value: j }, `${LETTERS[j]})`)))));
    return h("div", {}, h("ol", { class: "statements", type: "a" }, q.statements.map((s) => h("li", { text: s }))),
      h("div", { class: "pairs" }, selects),
      h("button", { type: "button", class: "primary big", id: "send", onclick: () => {
        const picks = selects.map((d) => d.querySelector("select").value);
        if (picks.includes("") || new Set(picks).size !== picks.length) {
          error("Give every name a different letter.");
          return;
        }
        answer(picks.map(Number));
      } }, "Send"));
  }

  function reveal(v, status) {
    stopCountdown();
    const r = v.result;
    const verdict = !r ? "No answer this time." : r.correct ? `Right! +${r.points} points` : "Not this time.";
    show(status, questionHead(v.question),
      h("h1", { id: "verdict", class: r && r.correct ? "right" : "wrong", text: verdict }),
      r && !r.correct ? h("p", { text: `You answered: ${r.response}` }) : null,
      h("div", { class: "answer" },
        h("p", { class: "answer-head", text: "Answer" }),
        h("ul", {}, v.reveal.lines.map((l) => h("li", { text: l }))),
        v.reveal.explanation ? h("p", { class: "explanation", text: v.reveal.explanation }) : null,
        h("p", { class: "source", text: `Source: ${v.reveal.sources.join("; ")}` })),
      h("p", { class: "score", id: "place", text: `${v.score} points · ${standing(v)}` }));
    say(`${verdict} The answer: ${v.reveal.lines.join("; ")}.`);
  }
})();
