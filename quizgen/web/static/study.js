// quizgen study page: flashcards, quiz and match, offline. Data comes from the
// JSON block #quizgen-data; every piece of it is shown with textContent, never
// as HTML. Progress lives in localStorage under one key per fact set.
"use strict";
(() => {
  const DATA = JSON.parse(document.getElementById("quizgen-data").textContent);
  const main = document.getElementById("main");
  const STORE_KEY = `quizgen:v${DATA.format}:${DATA.set}`;

  // ---- small helpers -------------------------------------------------------
  function shuffle(list) {
    const a = list.slice();
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }
  // Only nodes and text: a null or undefined part (a line left out) is dropped, never
  // written as the words "null" or "undefined".
  const present = (parts) => parts.flat().filter((c) => c !== null && c !== undefined && c !== false);
  function screen(heading, ...content) {
    main.replaceChildren(h("h2", { id: "screen-title", tabindex: "-1", text: heading }), ...present(content));
    document.getElementById("screen-title").focus({ preventScroll: false });
  }
  function sourceText(keys) {
    return "Source: " + keys.map((k) => DATA.sources[k] || k).join("; ");
  }
  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

  // ---- grading: quizgen's own grader (grading.js), on the data Python wrote ---------
  quizgenGrading.setLexicon(DATA.grading.lexicon);
  window.quizgenGrading = quizgenGrading; // for the tests that run the grading table here
  function gradeTyped(item, reply) {
    return quizgenGrading.grade(item.spec, DATA.grading.world, reply);
  }

  // ---- progress --------------------------------------------------------------
  // What is kept per fact set: cards' boxes, quiz results per fact and per question,
  // the best match time, and the replies overruled ("I was right") for the teacher.
  function emptyProgress() { return { cards: {}, quiz: {}, match: {}, items: {}, overruled: [] }; }
  function load() {
    try {
      const raw = window.localStorage.getItem(STORE_KEY);
      const got = raw ? JSON.parse(raw) : null;
      if (got && typeof got === "object") return { ...emptyProgress(), ...got };
    } catch (e) { /* storage off or damaged: start afresh, in memory */ }
    return emptyProgress();
  }
  let progress = load();
  function save() {
    try { window.localStorage.setItem(STORE_KEY, JSON.stringify(progress)); } catch (e) { /* ignore */ }
    showProgress();
  }
  function known(id) { return (progress.cards[id] || {}).box >= 1; }
  function showProgress() {
    // Cards and questions counted one way: how many of all, as last answered.
    const k = DATA.cards.filter((c) => known(c.id)).length;
    const right = DATA.items.filter((i) => (progress.items || {})[i.id] === true).length;
    document.getElementById("progress").textContent =
      `${k} of ${plural(DATA.cards.length, "card")} known · ` +
      `${right} of ${plural(DATA.items.length, "question")} right`;
  }

  // ---- flashcards ----------------------------------------------------------------
  const cards = { queue: [], done: 0, again: new Set(), flipped: false };
  function startCards() {
    const fresh = DATA.cards.filter((c) => !known(c.id));
    const rest = DATA.cards.filter((c) => known(c.id));
    cards.queue = [...fresh, ...rest];
    cards.done = 0;
    cards.again = new Set();
    showCard();
  }
  function showCard() {
    const card = cards.queue[0];
    if (!card) return cardsDone();
    cards.flipped = false;
    const total = cards.done + cards.queue.length;
    const back = h("div", { class: "back", id: "card-back", hidden: true },
      h("p", { class: "answer", text: card.a }),
      h("p", { class: "statement", text: card.s }),
      card.x ? h("p", { class: "explanation", text: card.x }) : null,
      h("p", { class: "source", text: sourceText(card.src) }));
    const flip = h("button", { type: "button", id: "flip", class: "primary", onclick: flipCard,
      "aria-controls": "card-back", "aria-expanded": "false" }, "Show answer");
    // The grades are there from the start, so nothing moves, but disabled until the
    // answer is shown: no grade before the answer.
    const grades = h("div", { class: "grades", id: "grades" },
      h("button", { type: "button", id: "again", onclick: () => gradeCard(false), disabled: true,
        "aria-keyshortcuts": "1" }, "Again (1)"),
      h("button", { type: "button", id: "got", class: "primary", onclick: () => gradeCard(true),
        disabled: true, "aria-keyshortcuts": "2" }, "Got it (2)"));
    // Where the learner is: cards got, of all in this round, and missed ones still to
    // come back (a missed card is not "done", so the count of done alone would stand
    // still while different cards go by).
    const comingBack = cards.queue.filter((c) => cards.again.has(c.id)).length;
    screen(`Flashcards · ${cards.done} of ${total} done` + (comingBack ? ` · ${comingBack} to see again` : ""),
      h("div", { class: "card", id: "card", role: "group", "aria-label": "Flashcard" },
        h("p", { class: "meta", text: card.topic }),
        h("p", { class: "front", text: card.q }), back),
      h("div", { class: "actions" }, flip, grades),
      h("p", { class: "hint", text: "Space or Enter shows the answer; 1 means again, 2 got it." }));
  }
  function flipCard() {
    if (cards.flipped) return;
    cards.flipped = true;
    document.getElementById("card").classList.add("flipped");
    document.getElementById("card-back").hidden = false;
    const flip = document.getElementById("flip");
    flip.setAttribute("aria-expanded", "true");
    flip.hidden = true;
    for (const b of document.querySelectorAll("#grades button")) b.disabled = false;
    document.getElementById("got").focus();
    say(`Answer: ${cards.queue[0].a}`);
  }
  function gradeCard(gotIt) {
    if (!cards.flipped) return;
    const card = cards.queue.shift();
    const entry = progress.cards[card.id] || { box: 0, seen: 0 };
    entry.seen += 1;
    entry.box = gotIt ? Math.min(entry.box + 1, 5) : 0;
    progress.cards[card.id] = entry;
    save();
    if (gotIt) {
      cards.done += 1;
    } else {
      // A missed card comes back a few cards later (at the end if fewer are left).
      cards.again.add(card.id);
      cards.queue.splice(Math.min(3, cards.queue.length), 0, card);
    }
    say(gotIt ? "Marked as known." : "It will come back in a moment.");
    showCard();
  }
  function cardsDone() {
    screen("Flashcards · done",
      h("p", { class: "score", id: "cards-summary",
        text: `You went through ${plural(cards.done, "card")}; ` +
          `${plural(cards.again.size, "card")} needed another look.` }),
      h("button", { type: "button", class: "primary", onclick: startCards }, "Go through them again"));
    say("All cards done.");
  }

  // ---- quiz -------------------------------------------------------------------------
  const quiz = { items: [], at: 0, right: 0, missed: [], answered: false };
  function quizSetup() {
    const kinds = [...new Map(DATA.items.map((i) => [i.kind, i.label])).entries()];
    const count = h("select", { id: "quiz-count" },
      [10, 20, 50].filter((n) => n < DATA.items.length).map((n) => h("option", { value: n }, String(n))),
      h("option", { value: DATA.items.length }, `all ${DATA.items.length}`));
    const kind = h("select", { id: "quiz-kind" }, h("option", { value: "" }, "every kind"),
      kinds.map(([k, label]) => h("option", { value: k }, label)));
    const form = h("form", { class: "setup", onsubmit: (e) => {
      e.preventDefault();
      const pool = DATA.items.filter((i) => !kind.value || i.kind === kind.value);
      const missedBefore = (i) => i.facts.some((f) => (progress.quiz[f] || {}).last === false);
      const ordered = [...shuffle(pool.filter(missedBefore)), ...shuffle(pool.filter((i) => !missedBefore(i)))];
      startQuiz(ordered.slice(0, Number(count.value)));
    } },
      h("label", {}, "Questions ", count), h("label", {}, "Kind ", kind),
      h("button", { type: "submit", class: "primary", id: "quiz-start" }, "Start the quiz"));
    screen("Quiz", h("p", { text: "Instant feedback with the explanation and the source; " +
      "questions you missed before come first." }), form);
  }
  function startQuiz(items) {
    Object.assign(quiz, { items, at: 0, right: 0, missed: [] });
    showQuestion();
  }
  function showQuestion() {
    const item = quiz.items[quiz.at];
    if (!item) return quizSummary();
    quiz.answered = false;
    main.dataset.item = item.id;
    const body = [h("p", { class: "meta", text: `${item.label} · ${item.topic}` })];
    const prompt = item.shape === "truth" ? `True or false: ${item.prompt}` : item.prompt;
    body.push(h("p", { class: "prompt", id: "prompt", text: prompt }));
    body.push(answerArea(item));
    body.push(h("div", { id: "feedback", class: "feedback", hidden: true }));
    screen(`Question ${quiz.at + 1} of ${quiz.items.length}`, ...body);
  }
  // The key for each option, as the terminal labels them: 1, 2, 3... or, where an
  // option's text begins with a digit (a figure, a year, a date), a, b, c..., so that
  // pressing 4 can never mean "the fourth option" beside an option that reads 4.
  function optionKeys(options) {
    const lettered = options.some((o) => /^[0-9]/.test(o));
    return options.map((_, i) => (lettered ? String.fromCharCode(97 + i) : String(i + 1)));
  }
  function answerArea(item) {
    if (item.shape === "choice" || item.shape === "truth") {
      const keys = optionKeys(item.options);
      return h("div", { class: "options", role: "group", "aria-labelledby": "prompt" },
        item.options.map((o, i) => h("button", { type: "button", class: "option", "data-value": o,
          "data-key": keys[i], "aria-keyshortcuts": keys[i],
          onclick: () => finish(item, o === item.answer, o) },
        h("span", { class: "key", "aria-hidden": "true", text: keys[i] }), o)));
    }
    if (item.shape === "text") {
      const input = h("input", { type: "text", id: "typed", autocomplete: "off", autocapitalize: "off",
        spellcheck: "false", "aria-describedby": "prompt" });
      return h("form", { class: "typed", onsubmit: (e) => {
        e.preventDefault();
        if (quiz.answered) return;
        input.readOnly = true;
        const verdict = gradeTyped(item, input.value);
        finish(item, verdict.correct, input.value,
          verdict.typo ? `(The answer is spelt '${item.answer}'.)` : undefined);
      } }, h("label", { for: "typed", text: "Your answer" }), input,
      h("button", { type: "submit", class: "primary", id: "check" }, "Check"));
    }
    if (item.shape === "order") return orderArea(item);
    return pairsArea(item);
  }
  function orderArea(item) {
    const list = h("ol", { class: "order", id: "order" });
    const move = (li, by) => {
      const rows = [...list.children];
      const to = rows.indexOf(li) + by;
      if (quiz.answered || to < 0 || to >= rows.length) return;
      if (by < 0) list.insertBefore(li, rows[to]); else list.insertBefore(li, rows[to].nextSibling);
      li.querySelector(by < 0 ? ".up" : ".down").focus();
      say(`Moved to place ${to + 1}.`);
    };
    for (const o of item.options) {
      const li = h("li", { "data-value": o }, h("span", { class: "text", text: o }));
      li.append(h("span", { class: "moves" },
        h("button", { type: "button", class: "up", "aria-label": `Move earlier: ${o}`, onclick: () => move(li, -1) }, "↑"),
        h("button", { type: "button", class: "down", "aria-label": `Move later: ${o}`, onclick: () => move(li, 1) }, "↓")));
      list.append(li);
    }
    const check = () => {
      if (quiz.answered) return;
      const given = [...list.children].map((li) => li.dataset.value);
      [...list.children].forEach((li, i) => li.classList.add(given[i] === item.answer[i] ? "right" : "wrong"));
      const inPlace = given.filter((g, i) => g === item.answer[i]).length;
      finish(item, inPlace === item.answer.length, given.join("; "), `${inPlace} of ${item.answer.length} in place.`);
    };
    return h("div", {}, h("p", { class: "hint", text: "Earliest first. Move entries with the arrow buttons." }),
      list, h("button", { type: "button", class: "primary", id: "check", onclick: check }, "Check"));
  }
  function pairsArea(item) {
    const letters = "abcdefghijklmnopqrstuvwxyz";
    const statements = h("ol", { class: "statements", type: "a" }, item.statements.map((s) => h("li", { text: s })));
    const selects = item.names.map((name, i) => {
      const sel = h("select", { id: `pair-${i}`, "data-name": name },
        h("option", { value: "" }, "choose…"),
        item.statements.map((s, j) => h("option", { value: s }, `${letters[j]})`)));
      return h("div", { class: "pair" }, h("label", { for: `pair-${i}`, text: name }), sel);
    });
    const check = () => {
      if (quiz.answered) return;
      const want = new Map(item.answer);
      let right = 0;
      for (const wrap of selects) {
        const sel = wrap.querySelector("select");
        const ok = want.get(sel.dataset.name) === sel.value;
        right += ok ? 1 : 0;
        wrap.classList.add(ok ? "right" : "wrong");
        sel.disabled = true;
      }
      const given = selects.map((w) => { const s = w.querySelector("select");
        return `${s.dataset.name} = ${s.value ? letters[item.statements.indexOf(s.value)] : "?"}`; });
      finish(item, right === item.answer.length, given.join("; "), `${right} of ${item.answer.length} pairs right.`);
    };
    return h("div", {}, statements, h("div", { class: "pairs" }, selects),
      h("button", { type: "button", class: "primary", id: "check", onclick: check }, "Check"));
  }
  function answerLines(item) {
    // A timeline's events with their dates, a matching's completed sentences: made by
    // quizgen as the terminal shows them (no blank, no hidden date).
    if (item.shape === "order" || item.shape === "pairs") return item.lines;
    if (item.shape === "text" && item.accepted.length) return [`${item.answer} (also accepted: ${item.accepted.join(", ")})`];
    return [item.answer];
  }
  function finish(item, correct, given, detail) {
    if (quiz.answered) return;
    quiz.answered = true;
    for (const el of main.querySelectorAll("button, select")) el.disabled = true;
    for (const b of main.querySelectorAll(".option")) {
      if (b.dataset.value === item.answer) b.classList.add("right");
      else if (b.dataset.value === given) b.classList.add("wrong");
    }
    if (correct) quiz.right += 1; else quiz.missed.push({ item, given });
    progress.items = progress.items || {};
    progress.items[item.id] = correct;
    for (const f of item.facts) {
      const e = progress.quiz[f] || { right: 0, wrong: 0 };
      e[correct ? "right" : "wrong"] += 1;
      e.last = correct;
      progress.quiz[f] = e;
    }
    save();
    const feedback = document.getElementById("feedback");
    const verdict = correct ? "Correct." : "Not quite.";
    const lines = answerLines(item);
    const several = item.shape === "order" || item.shape === "pairs";
    feedback.replaceChildren(...present([
      h("p", { class: `verdict ${correct ? "right" : "wrong"}`, id: "verdict", text: verdict + (detail ? ` ${detail}` : "") }),
      correct && !several ? null : h("p", { class: "answer-head", text: "The answer:" }),
      correct && !several ? null : h("ul", { class: "answer" }, lines.map((l) => h("li", { text: l }))),
      item.x ? h("p", { class: "explanation", text: item.x }) : null,
      h("p", { class: "source", text: sourceText(item.src) }),
      !correct && item.shape === "text" && given.trim()
        ? h("button", { type: "button", id: "overrule", "aria-keyshortcuts": "o",
          onclick: () => overrule(item, given) }, "I was right (o)")
        : null,
      h("button", { type: "button", class: "primary", id: "next", onclick: () => { quiz.at += 1; showQuestion(); } },
        quiz.at + 1 < quiz.items.length ? "Next question" : "See the summary")]));
    feedback.hidden = false;
    say(`${verdict} ${correct ? "" : "The answer is " + lines.join("; ") + "."}`);
    document.getElementById("next").focus();
  }
  // "I was right": a typed reply marked wrong is recorded as right and marked overruled,
  // kept for `quizgen audit --overruled` (the summary offers the file it reads).
  function overrule(item, given) {
    if (!document.getElementById("overrule")) return;
    quiz.right += 1;
    quiz.missed = quiz.missed.filter((m) => m.item !== item);
    for (const f of item.facts) {
      const e = progress.quiz[f];
      if (e && e.wrong > 0) { e.wrong -= 1; e.right += 1; e.last = true; }
    }
    progress.items[item.id] = true;
    progress.overruled.push({ item: item.id, facts: item.facts, kind: item.kind, prompt: item.prompt,
      answer: item.answer, reply: given, at: new Date().toISOString() });
    save();
    const verdict = document.getElementById("verdict");
    verdict.textContent = `Recorded as right, as you said (the answer is: ${item.answer}).`;
    verdict.className = "verdict right";
    document.getElementById("overrule").remove();
    say(verdict.textContent);
    document.getElementById("next").focus();
  }
  function overruledLink() {
    if (!progress.overruled.length) return null;
    const doc = { quizgen: "overruled", set: DATA.set, overruled: progress.overruled };
    return h("p", {}, h("a", { id: "overruled-file", download: `quizgen-overruled-${DATA.set}.json`,
      href: "data:application/json;charset=utf-8," + encodeURIComponent(JSON.stringify(doc, null, 1)) },
    `Download the ${plural(progress.overruled.length, "answer")} you overruled`),
    " (for your teacher: quizgen audit --overruled --from FILE lists them).");
  }
  function quizSummary() {
    const n = quiz.items.length;
    const pct = n ? Math.round((100 * quiz.right) / n) : 0;
    const missed = quiz.missed.map(({ item, given }) => h("li", {},
      h("p", { class: "prompt", text: item.prompt }),
      h("p", { text: `You answered: ${given || "(nothing)"}` }),
      h("p", { text: `Answer: ${answerLines(item).join("; ")}` }),
      h("p", { class: "source", text: sourceText(item.src) })));
    screen("Quiz · summary",
      h("p", { class: "score", id: "quiz-score", text: `Score: ${quiz.right} of ${n} (${pct}%)` }),
      missed.length ? h("h3", { text: `Missed (${missed.length})` }) : h("p", { text: "Nothing missed." }),
      missed.length ? h("ol", { class: "missed", id: "missed" }, missed) : null,
      h("div", { class: "actions" },
        missed.length ? h("button", { type: "button", class: "primary", id: "retry",
          onclick: () => startQuiz(quiz.missed.map((m) => m.item)) }, "Retry the missed ones") : null,
        h("button", { type: "button", onclick: quizSetup }, "New quiz")),
      overruledLink());
    say(`Score: ${quiz.right} of ${n}.`);
  }

  // ---- match against the clock ---------------------------------------------------
  // As Quizlet's Match: pairs drawn afresh each game from every card of the set, each
  // an answer and its statement with the answer blanked (or its question).
  const MATCH_PAIRS = 6;
  const match = { timer: 0, start: 0, penalty: 0, picked: null, left: 0 };
  function draw() {
    const seen = new Set();
    const out = [];
    for (const card of shuffle(DATA.cards)) {
      const key = card.a.toLowerCase();
      if (seen.has(key)) continue; // two tiles alike would match either way
      seen.add(key);
      out.push([card.a, card.m || card.q]);
      if (out.length === MATCH_PAIRS) break;
    }
    return out;
  }
  function elapsed() { return (performance.now() - match.start) / 1000 + match.penalty; }
  function startMatch() {
    window.clearInterval(match.timer);
    const pairs = draw();
    if (pairs.length < 2) {
      screen("Match", h("p", { text: "This set has too few cards to match." }));
      return;
    }
    main.dataset.pairs = JSON.stringify(pairs);
    const pairOf = new Map(pairs);
    const tiles = shuffle([...pairs.map(([t]) => ({ t, side: "name" })),
      ...pairs.map(([, t]) => ({ t, side: "statement" }))]);
    Object.assign(match, { start: performance.now(), penalty: 0, picked: null, left: pairs.length });
    const clock = h("p", { class: "clock", id: "clock", role: "timer", "aria-live": "off", text: "0.0 s" });
    const board = h("div", { class: "board", id: "board" }, tiles.map(({ t, side }) =>
      h("button", { type: "button", class: `tile ${side}`, "data-side": side, "data-text": t,
        "aria-pressed": "false", onclick: (e) => pick(e.currentTarget, pairOf) }, t)));
    const best = progress.match.best;
    screen("Match", h("p", { text: "Pick an answer, then the statement it completes. A wrong pair adds a second." }),
      clock, best ? h("p", { class: "hint", text: `Your best: ${best.toFixed(1)} s` }) : null, board);
    match.timer = window.setInterval(() => { clock.textContent = `${elapsed().toFixed(1)} s`; }, 100);
  }
  function pick(tile, pairOf) {
    const first = match.picked;
    if (!first || first === tile || first.dataset.side === tile.dataset.side) {
      if (first) first.setAttribute("aria-pressed", "false");
      match.picked = first === tile ? null : tile;
      if (match.picked) tile.setAttribute("aria-pressed", "true");
      return;
    }
    const [name, statement] = first.dataset.side === "name" ? [first, tile] : [tile, first];
    first.setAttribute("aria-pressed", "false");
    match.picked = null;
    if (pairOf.get(name.dataset.text) === statement.dataset.text) {
      for (const t of [name, statement]) { t.disabled = true; t.classList.add("matched"); }
      match.left -= 1;
      say(`Matched: ${name.dataset.text}.`);
      const next = document.querySelector(".tile:not(:disabled)");
      if (next) next.focus();
      if (match.left === 0) matchDone();
    } else {
      match.penalty += 1;
      for (const t of [name, statement]) {
        t.classList.add("miss");
        window.setTimeout(() => t.classList.remove("miss"), 400);
      }
      say("Not a pair: one second added.");
    }
  }
  function matchDone() {
    window.clearInterval(match.timer);
    const time = elapsed();
    const best = progress.match.best;
    const record = !best || time < best;
    if (record) { progress.match.best = time; save(); }
    screen("Match · done",
      h("p", { class: "score", id: "match-time", text: `All matched in ${time.toFixed(1)} s` +
        (record ? " — your best." : ` (your best: ${best.toFixed(1)} s).`) }),
      h("button", { type: "button", class: "primary", onclick: startMatch }, "Play again"));
    say(`All matched in ${time.toFixed(1)} seconds.`);
  }

  // ---- modes, keys, reset ---------------------------------------------------------------
  const MODES = { cards: startCards, quiz: quizSetup, match: startMatch };
  let mode = "";
  function setMode(name) {
    window.clearInterval(match.timer);
    delete main.dataset.item;
    delete main.dataset.pairs;
    mode = name;
    for (const b of document.querySelectorAll(".mode")) b.setAttribute("aria-pressed", String(b.dataset.mode === name));
    MODES[name]();
  }
  for (const b of document.querySelectorAll(".mode")) b.addEventListener("click", () => setMode(b.dataset.mode));
  document.addEventListener("keydown", (e) => {
    const t = e.target;
    if (e.altKey || e.ctrlKey || e.metaKey || (t && /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName))) return;
    if (mode === "cards") {
      if ((e.key === " " || e.key === "Enter") && !cards.flipped && !(t && t.tagName === "BUTTON" && t.id !== "flip")) {
        e.preventDefault(); flipCard();
      } else if (e.key === "1" && cards.flipped) { e.preventDefault(); gradeCard(false); }
      else if (e.key === "2" && cards.flipped) { e.preventDefault(); gradeCard(true); }
    } else if (mode === "quiz" && (e.key === "o" || e.key === "O") && document.getElementById("overrule")) {
      e.preventDefault(); document.getElementById("overrule").click();
    } else if (mode === "quiz" && /^[1-9a-z]$/i.test(e.key) && !quiz.answered) {
      // An option is picked by its own key only (a digit never picks a lettered one).
      const key = e.key.toLowerCase();
      const b = [...main.querySelectorAll(".option")].find((o) => o.dataset.key === key);
      if (b) { e.preventDefault(); b.click(); }
    }
  });
  const confirmBox = document.getElementById("reset-confirm");
  document.getElementById("reset").addEventListener("click", () => {
    confirmBox.hidden = false;
    document.getElementById("reset-no").focus();
  });
  document.getElementById("reset-no").addEventListener("click", () => {
    confirmBox.hidden = true;
    document.getElementById("reset").focus();
  });
  document.getElementById("reset-yes").addEventListener("click", () => {
    try { window.localStorage.removeItem(STORE_KEY); } catch (e) { /* ignore */ }
    progress = emptyProgress();
    confirmBox.hidden = true;
    showProgress();
    say("Progress reset.");
    setMode(mode || "cards");
  });
  document.getElementById("made").textContent = `fact file version ${DATA.version} · questions made with seed ${DATA.seed}`;
  showProgress();
  setMode("cards");
})();
