// quizgen's grader for the study page: the twin of quizgen/grading/reading.py and
// quizgen/grading/verdict.py, function for function, over the same data: the lexicon
// (quizgen/grading/lexicon.json), the fact base's world (which thing each name stands
// for) and each item's spec (every accepted form, derived by Python). A test runs one
// table of grading cases through both graders, in Chromium, and wants the same verdicts.
"use strict";

const quizgenGrading = (() => {
  let LEX = null;

  // ---- the lexicon, read as Python's quizgen.grading.lexicon reads it ----------------
  function setLexicon(raw) {
    const headGroup = new Map();
    for (const [group, words] of Object.entries(raw.heads)) for (const w of words) headGroup.set(w, group);
    const qualifier = new Map();
    for (const [q, words] of Object.entries(raw.qualifiers)) for (const w of words) qualifier.set(w, q);
    const countGroup = new Map();
    raw.count_groups.forEach((group, i) => { for (const w of group) countGroup.set(w, i); });
    const byLength = (a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0);
    LEX = {
      headGroup,
      headFirst: new Set(raw.head_first),
      titles: new Set(raw.titles),
      suffixes: new Set(raw.suffixes),
      personHeads: new Set(raw.person_heads),
      stateHeads: new Set(raw.state_heads),
      particles: new Set(raw.particles),
      words: new Map(Object.entries({ ...raw.abbreviations, ...raw.spellings })),
      shortForms: (() => { // 'corporation' -> ['corp', 'co']: a typed 'Corp' may be a slip of 'Corps'
        const out = new Map();
        for (const [short, long] of Object.entries(raw.abbreviations)) out.set(long, [...(out.get(long) || []), short]);
        return out;
      })(),
      hedges: [...raw.hedges].sort(byLength),
      bounds: [...raw.bounds].sort(byLength),
      negations: new Set(raw.negations),
      qualifier,
      seasons: new Set(raw.seasons),
      weekdays: new Set(raw.weekdays),
      dateFillers: new Set(raw.date_fillers),
      months: raw.months,
      otherMonths: new Map(Object.entries(raw.other_months).filter(([k]) => !k.startsWith("_"))),
      numberWords: new Map(Object.entries(raw.number_words)),
      decadeWords: new Map(Object.entries(raw.decade_words)),
      scales: new Map(Object.entries(raw.scales)),
      units: new Map(Object.entries(raw.units)),
      tolerance: raw.conversion_tolerance,
      countGroup,
      neutralNouns: new Set(raw.neutral_nouns),
      directions: new Set(raw.directions),
      links: [...raw.links].sort(byLength),
      lifeMarks: new Map(Object.entries(raw.life_marks).filter(([k]) => !k.startsWith("_")).flatMap(([mark, ws]) => ws.map((w) => [w, mark]))),
      transliterations: Object.entries(raw.transliterations).filter(([k]) => !k.startsWith("_")),
      typoMinWord: raw.typo.min_word,
      typoLongWord: raw.typo.long_word,
      typoShortWord: raw.typo.short_word,
    };
  }

  // ---- reading.py ----------------------------------------------------------------------
  const isWordChar = (c) => /[\p{L}\p{N}_]/u.test(c);
  function plain(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/ß/g, "ss")
      .replace(/[’‘ʼ`´]/g, "'");
  }
  function joinLetters(words) {
    const out = [];
    let run = [];
    for (const word of [...words, ""]) {
      if (word.length === 1 && word >= "a" && word <= "z") { run.push(word); continue; }
      if (run.length > 1) out.push(run.join("")); else out.push(...run);
      run = [];
      if (word) out.push(word);
    }
    return out;
  }
  function nameWords(text) {
    let s = plain(text).replace(/(?<![\p{L}\p{N}])[ae](?:sh|th|dh|[lnrstdz])-(?=\p{L})/gu, "")
      .replace(/(?<=[\p{L}])'s(?![\p{L}\p{N}_])/gu, "").replace(/'/g, "");
    s = s.replace(/(?<=\d)[,.](?=\d{3}(?![\p{L}\p{N}_]))/gu, "");
    const raw = s.replace(/[^\p{L}\p{N}]+|_/gu, " ").split(" ").filter(Boolean);
    const words = joinLetters(raw).map((w) => (LEX.words.has(w) ? LEX.words.get(w) : w));
    let kept = words.filter((w) => w !== "the" && !LEX.particles.has(w));
    if (kept.length > 1 && (kept[0] === "a" || kept[0] === "an")) kept = kept.slice(1);
    return kept.length ? kept : words;
  }
  const key = (text) => nameWords(text).join(" ");
  function splitHeads(words) {
    let core = [...words];
    const heads = [];
    for (let n = 0; n < 2; n++) {
      if (core.length > 1 && LEX.headGroup.has(core.slice(-2).join(" "))) {
        heads.push(core.slice(-2).join(" "));
        core = core.slice(0, -2);
      } else if (core.length > 1 && LEX.headGroup.has(core[core.length - 1])) {
        heads.push(core[core.length - 1]);
        core = core.slice(0, -1);
      }
    }
    if (core.length > 2 && core[1] === "of" && LEX.headGroup.has(core[0])) {
      heads.push(core[0]);
      core = core.slice(2);
    } else if (core.length > 1 && LEX.headFirst.has(core[0])) {
      heads.push(core[0]);
      core = core.slice(1);
    }
    return [core, heads];
  }

  // Numbers: {value, unit, words} objects among word strings.
  function numberTokens(text) {
    let s = plain(text);
    s = s.replace(/(?<![\p{L}\p{N}_])(\d{1,3})((?: \d{3})+)(?![\p{L}\p{N}_])/gu, (m, a, b) => a + b.replace(/ /g, ""));
    s = (s.split(".").length - 1) === 1
      ? s.replace(/(?<=\d)[,.](?=\d{3}(?![\p{L}\p{N}_]))/gu, "")
      : s.replace(/(?<=\d),(?=\d{3}(?![\p{L}\p{N}_]))/gu, "");
    s = s.replace(/-/g, " ").replace(/(?<=\d)(?=[\p{L}])|(?<=[\p{L}])(?=\d)/gu, " ");
    const raw = s.match(/\d+(?:\.\d+)?|[\p{L}]+(?:\/[\p{L}]+)?|[~%]/gu) || [];
    const out = [];
    let i = 0;
    while (i < raw.length) {
      const word = raw[i];
      if (/^\d/.test(word)) {
        let value = parseFloat(word);
        if (i + 1 < raw.length && LEX.scales.has(raw[i + 1])) { value *= LEX.scales.get(raw[i + 1]); i++; }
        out.push({ value, unit: null, words: false });
        i++;
        continue;
      }
      const [taken, value] = spelled(raw, i);
      if (taken) { out.push({ value, unit: null, words: true }); i += taken; continue; }
      out.push(word);
      i++;
    }
    return withUnits(out);
  }
  function spelled(raw, start) {
    let total = 0, current = 0, taken = 0, last = "";
    let i = start;
    while (i < raw.length) {
      const w = raw[i];
      if ((w === "a" || w === "an") && i + 1 < raw.length && LEX.scales.has(raw[i + 1]) && !taken) {
        current = 1; last = "unit";
      } else if (LEX.numberWords.has(w)) {
        const n = LEX.numberWords.get(w);
        if (last === "tens" && n > 0 && n < 10) { current += n; last = "unit"; }
        else if (last === "" || last === "scale" || last === "and") {
          current += n;
          last = n >= 20 && n % 10 === 0 ? "tens" : "unit";
        } else break;
      } else if (LEX.scales.has(w) && taken && w !== "k") {
        const scale = LEX.scales.get(w);
        if (scale === 100) current *= 100; else { total += current * scale; current = 0; }
        last = "scale";
      } else if (w === "and" && taken && last === "scale") {
        last = "and";
      } else break;
      taken = i - start + 1;
      i++;
    }
    if (last === "and") taken -= 1;
    return [taken, total + current];
  }
  function withUnits(tokens) {
    const out = [];
    let i = 0;
    while (i < tokens.length) {
      const t = tokens[i];
      if (typeof t === "object" && t.unit === null) {
        const two = tokens.slice(i + 1, i + 3);
        if (two.length === 2 && two.every((x) => typeof x === "string") && LEX.units.has(`${two[0]} ${two[1]}`)) {
          out.push({ value: t.value, unit: `${two[0]} ${two[1]}`, words: t.words });
          i += 3;
          continue;
        }
        if (i + 1 < tokens.length && typeof tokens[i + 1] === "string" && LEX.units.has(tokens[i + 1])) {
          out.push({ value: t.value, unit: tokens[i + 1], words: t.words });
          i += 2;
          continue;
        }
      }
      out.push(t);
      i++;
    }
    return out;
  }

  // Dates: readings {year, month, day}, a negative year the last two digits only.
  function osa(a, b) {
    const d = [];
    for (let i = 0; i <= a.length; i++) { d.push(new Array(b.length + 1).fill(0)); d[i][0] = i; }
    for (let j = 0; j <= b.length; j++) d[0][j] = j;
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
    return d[a.length][b.length];
  }
  function monthNumber(word) {
    word = word.replace(/\.+$/, "");
    if (word.length < 3) return null;
    if (LEX.otherMonths.has(word)) return LEX.otherMonths.get(word); // '14 Mai 1948'

    for (let i = 0; i < LEX.months.length; i++) {
      const name = LEX.months[i];
      if (name.startsWith(word) || (word.length >= 4 && osa(word, name) <= 1)) return i + 1;
    }
    return null;
  }
  const R = (year, month = null, day = null) => ({ year, month, day });
  function readDate(text) {
    let s = plain(text).trim().replace(/(\d)(?:st|nd|rd|th)(?![\p{L}\p{N}_])/gu, "$1");
    let m = /^(\d{1,2})[/.-](\d{4})$/.exec(s);
    if (m) {
      const given = parseInt(m[1], 10);
      return { readings: given >= 1 && given <= 12 ? [R(parseInt(m[2], 10), given)] : [], words: [], qualifiers: new Set() };
    }
    m = /^(\d{1,4})([/.-])(\d{1,2})(?:\2(\d{1,4}))?\.?$/.exec(s);
    if (m) return { readings: numeric(m), words: [], qualifiers: new Set() };
    const nums = [];
    let month = null;
    const words = [];
    const qualifiers = new Set();
    let short = false;
    for (const t of numberTokens(s.replace(/'(\d{2})(?![\p{L}\p{N}_])/gu, " yy $1 "))) {
      if (typeof t === "object") { nums.push([Math.trunc(t.value), short, t.words]); short = false; }
      else if (t === "yy") short = true;
      else if (LEX.qualifier.has(t)) qualifiers.add(LEX.qualifier.get(t));
      else if (LEX.seasons.has(t)) qualifiers.add(t);
      else if (LEX.weekdays.has(t) || LEX.dateFillers.has(t)) continue;
      else if (month === null && monthNumber(t) !== null) month = monthNumber(t);
      else words.push(t);
    }
    return { readings: spoken(nums, month), words, qualifiers };
  }
  function numeric(m) {
    const a = m[1], b = m[3], c = m[4];
    const x = parseInt(a, 10), y = parseInt(b, 10);
    const out = [];
    if (c === undefined) {
      if (a.length === 4) return y >= 1 && y <= 12 ? [R(x, y)] : [];
      if (y >= 1 && y <= 12 && x >= 1 && x <= 31) out.push(R(null, y, x));
      if (x >= 1 && x <= 12 && y >= 1 && y <= 31 && x !== y) out.push(R(null, x, y));
      return out;
    }
    if (a.length === 4) return y >= 1 && y <= 12 ? [R(x, y, parseInt(c, 10))] : [];
    if (c.length !== 2 && c.length !== 4) return [];
    const year = c.length === 4 ? parseInt(c, 10) : -parseInt(c, 10);
    if (y >= 1 && y <= 12 && x >= 1 && x <= 31) out.push(R(year, y, x));
    if (x >= 1 && x <= 12 && y >= 1 && y <= 31 && x !== y) out.push(R(year, x, y));
    return out;
  }
  function spoken(nums, month) {
    if (nums.length === 2 && nums[0][2] && nums[1][2] && nums[0][0] >= 10 && nums[0][0] <= 99 && nums[1][0] <= 99) {
      nums = [[nums[0][0] * 100 + nums[1][0], false, true]];
    }
    const years = nums.filter(([v]) => v >= 1000).map(([v]) => v);
    const small = nums.filter(([v]) => v < 1000).map(([v, sh]) => [v, sh]);
    if (years.length > 1 || small.length > 2 || (years.length && small.length > 1)) return [];
    if (years.length) {
      if (!small.length) return [R(years[0], month)];
      const day = small[0][0];
      return month && day >= 1 && day <= 31 ? [R(years[0], month, day)] : [];
    }
    if (month === null) return small.length === 1 && small[0][1] ? [R(-small[0][0])] : [];
    if (!small.length) return [R(null, month)];
    if (small.length === 1) {
      const [v, sh] = small[0];
      if (sh) return [R(-v, month)];
      if (v >= 1 && v <= 31) return [R(null, month, v)];
      return v <= 99 ? [R(-v, month)] : [];
    }
    const [[day, dayShort], [year]] = small;
    if (dayShort || day < 1 || day > 31 || year > 99) return [];
    return [R(-year, month, day)];
  }

  // ---- verdict.py ----------------------------------------------------------------------
  const WRONG = { correct: false, typo: false };
  const RIGHT = { correct: true, typo: false };
  const CONNECTORS = new Set(["in", "of", "from", "at", "near", "on"]);
  const SPAN_WORDS = new Set(["from", "to", "between", "and", "until", "till", "through", "thru", "in", "the", "years", "year"]);

  function grade(spec, world, reply) {
    if (!key(reply) && !reply.trim()) return WRONG;
    if (spec.kind === "date") return judgeDate(spec, reply);
    if (spec.kind === "number") return judgeNumber(spec, reply);
    if (spec.kind === "period") return judgePeriod(spec, reply);
    return judgeName(spec, world, reply);
  }

  const intersects = (a, b) => a.some((x) => b.includes(x));
  const has = (obj, k) => Object.prototype.hasOwnProperty.call(obj, k);
  function other(spec, world, k) {
    const owners = has(world.owners, k) ? world.owners[k] : [];
    return owners.length > 0 && !spec.names.includes(k) && !intersects(owners, spec.own);
  }
  function otherCore(spec, world, core, group) {
    // what the key is part of or holds is no other thing here: 'US soldiers' are the US forces
    return (has(world.core_owners, core) ? world.core_owners[core] : []).some(([owner, their]) =>
      !spec.own.includes(owner) && !spec.related.includes(owner) && (group === null || their === group || their === null));
  }
  function initials(text) {
    const parts = text.normalize("NFKD").replace(/\p{M}/gu, "").match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+/g) || [];
    const every = parts.map((p) => p[0]).join("").toLowerCase();
    const big = parts.filter((p) => !["of", "the", "and", "for"].includes(p.toLowerCase())).map((p) => p[0]).join("").toLowerCase();
    return new Set([every, big]);
  }
  function bracketOk(spec, world, inner, outside) {
    const k = key(inner);
    if (!k) return true;
    if (spec.names.includes(k) || initials(outside).has(k)) return true;
    // 'Hezbollah Brigades (KH)': the same thing's other name, shown or not, after a right answer
    if (has(world.owners, k) && intersects(world.owners[k], spec.own) && judgeName(spec, world, outside).correct) return true;
    return qualifierOk(spec, world, inner);
  }
  // What a reply may add in a bracket, after a comma or after 'in'/'of': its country, what
  // it lies in or is part of (or what lies in it), a direction, a year in its years, or a
  // description in words of its kind and of the prompt.
  function qualifierOk(spec, world, text) {
    let words = nameWords(text).filter((w) => !(spec.place && LEX.directions.has(w)));
    words = words.slice(leading(words, LEX.links)); // 'part of the PMF'

    const k = words.join(" ");
    if (!k) return true;
    if (has(world.countries, k)) { // 'Jordan (Hashemite Kingdom)', never 'Jordan (Iraq)'
      if (spec.country) return spec.names.includes(k);
      return !spec.countries.length || spec.countries.includes(k);
    }
    if (related(spec, world, words)) return true;
    const years = [...text.matchAll(/\d{4}/g)].map((m) => parseInt(m[0], 10)).concat(
      [...text.matchAll(/(?<=[–—-])(\d{2})(?![\p{L}\p{N}_])/gu)].map((m) =>
        spec.years.length ? parseInt(m[1], 10) + Math.floor(spec.years[0] / 100) * 100 : 0));
    const present = words.some((w) => ["present", "now", "today"].includes(w));
    const marks = new Set(words.filter((w) => LEX.lifeMarks.has(w)).map((w) => LEX.lifeMarks.get(w)));
    const rest = words.filter((w) => !/^\d+$/.test(w) && !["present", "now", "today"].includes(w) && !LEX.lifeMarks.has(w));
    if (years.length && !rest.length) return yearsOk(spec, years, present, marks);
    if (years.length || namesAnother(spec, world, words)) return false;
    if (spec.place && unknownName(world, text, words)) return true; // 'Jordan (Tower 22)'
    for (let size = Math.min(4, words.length - 1); size > 0; size--) { // '(US President)': its own country's
      const said = words.slice(0, size).join(" ");
      if (spec.countries.includes(said) || spec.demonyms.includes(said)) { words = words.slice(size); break; }
    }
    const kind = kindWords(spec);
    const named = new Set(spec.names.flatMap((n) => n.split(" "))); // 'Syria (Assad)', '(46th president)'
    return words.every((w) =>
      (spec.describe.includes(w) || spec.context.includes(w) || kind.has(w) || named.has(w) || w === "a" || w === "an")
      && (!has(world.countries, w) || spec.countries.includes(w))
      && (!has(world.demonyms, w) || spec.demonyms.includes(w)));
  }
  // Years a reply adds that agree with the key's period or its fact's years (any where none
  // is known); a person's birth year before, a death year after, a life or rule span around.
  function yearsOk(spec, years, present, marks) {
    if (!spec.years.length) return true;
    const first = spec.years[0], last = spec.years[1] || 9999;
    if (marks.size === 1 && marks.has("born")) return spec.person && years.length === 1 && years[0] <= first;
    if (marks.size === 1 && marks.has("died")) return spec.person && years.length === 1 && years[0] >= (spec.years[1] || first);
    if (marks.size) return false;
    if (years.length === 2 && years[0] < first && years[1] >= last) return true; // a life or rule span around them
    return years.every((y) => first <= y && y <= last) || (present && years.length === 1 && years[0] === first);
  }
  // A proper name the file knows nothing of ('Tower 22'): no word of it, nor it, a name.
  function unknownName(world, text, words) {
    const first = text.trim().slice(0, 1);
    return first !== "" && first === first.toUpperCase() && first !== first.toLowerCase()
      && !has(world.owners, words.join(" "))
      && words.every((w) => !has(world.owners, w) && !has(world.countries, w) && !has(world.demonyms, w));
  }
  // Words of the generic heads of the key's kind and own names, and a person's titles.
  function kindWords(spec) {
    const own = new Set(Object.values(spec.cores).flat().filter((g) => g));
    const out = new Set();
    for (const [h, g] of LEX.headGroup) if (spec.groups.includes(g) || own.has(g)) for (const w of h.split(" ")) out.add(w);
    if (spec.person) for (const t of LEX.titles) for (const w of t.split(" ")) out.add(w);
    return out;
  }
  function related(spec, world, words) {
    if (!spec.related.length) return false;
    const [core] = splitHeads(words);
    for (const k of new Set([words.join(" "), core.join(" ")])) {
      if (has(world.owners, k) && intersects(world.owners[k], spec.related)) return true;
    }
    return false;
  }
  function personOk(spec, words) {
    const known = spec.names.map((n) => n.split(" ").filter((w) => !LEX.titles.has(w) && !LEX.suffixes.has(w)));
    const vocabulary = new Set(known.flat());
    const surnames = new Set(known.filter((n) => n.length).map((n) => n[n.length - 1]));
    // a given name may be its initial ('J. Biden')
    const given = new Set([...vocabulary].filter((w) => !surnames.has(w)).map((w) => w[0]));
    const last = words.length - 1;
    return words.length > 0 && surnames.has(words[last]) && words.every((w, i) => vocabulary.has(w) || (i < last && w.length === 1 && given.has(w)));
  }
  function countriesWords(spec) {
    return new Set(spec.countries.flatMap((c) => c.split(" ")));
  }
  function namesAnother(spec, world, words) {
    return words.includes("and") || words.includes("or") || other(spec, world, words.join(" "));
  }
  // A person's name without the person's own country said with a title ('U.S. President
  // Joe Biden', 'President of the United States Joe Biden'); another country stays.
  function withoutCountry(spec, words) {
    for (let size = 1; size < Math.min(4, words.length - 1); size++) {
      const said = words.slice(0, size).join(" ");
      if ((spec.countries.includes(said) || spec.demonyms.includes(said)) && LEX.titles.has(words[size])) return words.slice(size);
    }
    if (words.length > 3 && LEX.titles.has(words[0]) && words[1] === "of") {
      for (let size = 1; size < Math.min(4, words.length - 2); size++) {
        if (spec.countries.includes(words.slice(2, 2 + size).join(" "))) return words.slice(0, 1).concat(words.slice(2 + size));
      }
    }
    return words;
  }
  function cutBefore(spec, world, words) {
    if (!words.length || spec.countries.includes(words.join(" "))) return true;
    words = words.filter((w) => !spec.demonyms.includes(w)); // 'the Iranian hostage crisis'
    if (spec.place) words = words.filter((w) => !LEX.directions.has(w)); // 'eastern Syria'
    if (!words.length) return true;
    const own = countriesWords(spec);
    return words.every((w) => spec.context.includes(w) && (!has(world.countries, w) || own.has(w)))
      && !namesAnother(spec, world, words);
  }
  function cutAfter(spec, world, words) {
    if (!words.length) return true;
    if (words[0] === "to" && spec.ends.includes(words.slice(1).join(" "))) return true; // 'Al-Qa'im crossing to Husaybah'
    if (words.length <= 2 && words.every((w) => /^\d+$/.test(w))) return qualifierOk(spec, world, words.join("–")); // 'Iran–Iraq War 1980–88'
    const rest = CONNECTORS.has(words[0]) ? words.slice(1) : words;
    const place = rest.join(" ");
    if (has(world.countries, place)) { // 'Kirkuk Iraq'; of a key whose country is not known, only 'ImageSat in Israel'
      if (!spec.countries.length) return CONNECTORS.has(words[0]);
      return spec.countries.includes(place);
    }
    if (!rest.length) return false;
    if (CONNECTORS.has(words[0]) && qualifierOk(spec, world, rest.join(" "))) return true;
    if (namesAnother(spec, world, rest)) return false;
    if (CONNECTORS.has(words[0])) return rest.every((w) => spec.context.includes(w));
    return rest.every((w) => spec.prompt_words.includes(w));
  }
  function stripped(spec, world, words) {
    let current = [...words];
    const out = [[current, []]];
    if (spec.person) {
      current = withoutCountry(spec, current); // 'U.S. President Joe Biden'
      while (current.length > 1 && LEX.titles.has(current[0])) current = current.slice(1);
      const own = new Set([...spec.describe, ...spec.context, ...spec.names.flatMap((n) => n.split(" "))]);
      if (current.length > 2 && LEX.titles.has(current.slice(0, 2).join(" ")) && current.slice(0, 2).every((w) => own.has(w))) current = current.slice(2); // never 'Vice President Biden': another office
      while (current.length > 1 && (LEX.suffixes.has(current[current.length - 1]) || LEX.personHeads.has(current[current.length - 1]))) current = current.slice(0, -1);
      const kept = current;
      out.push([current, words.filter((w) => !kept.includes(w))]);
    }
    if (spec.country) { // 'the Israeli government', 'the government of Israel'
      if (current.length > 2 && LEX.stateHeads.has(current[0]) && current[1] === "of") current = current.slice(2);
      while (current.length > 1 && LEX.stateHeads.has(current[current.length - 1])) current = current.slice(0, -1);
      const kept = current;
      if (kept.join(" ") !== words.join(" ")) out.push([current, words.filter((w) => !kept.includes(w))]);
    }
    const n = current.length;
    const cuts = [];
    for (let i = 0; i < n; i++) {
      for (let j = n; j > i; j--) {
        if (i === 0 && j === n) continue;
        if (cutBefore(spec, world, current.slice(0, i)) && cutAfter(spec, world, current.slice(j))) cuts.push([i, j]);
      }
    }
    // Python's sorted() is stable: longest stretch first, ties in the order found.
    cuts.map((c, order) => [c, order]).sort((a, b) => (a[0][0] - a[0][1]) - (b[0][0] - b[0][1]) || a[1] - b[1])
      .forEach(([[i, j]]) => out.push([current.slice(i, j), current.slice(0, i).concat(current.slice(j))]));
    return out;
  }
  function wordLimit(spec, said, word) {
    const longest = Math.max(said.length, word.length);
    if (longest < LEX.typoMinWord || /^\d+$/.test(word) || spec.acronyms.includes(word)) return 0;
    return longest >= LEX.typoLongWord ? 2 : 1;
  }
  // each spelling a transliteration may write another way in one form ('saeedi', 'saidi')
  function romanized(word) {
    for (const [written, said] of LEX.transliterations) word = word.split(written).join(said);
    return word;
  }
  function typoDistance(spec, words, target) {
    if (words.length !== target.length) return null;
    let total = 0;
    for (let i = 0; i < words.length; i++) {
      const a = words[i], b = target[i];
      if (a === b) continue;
      if (target.length === 1 && b.length <= LEX.typoShortWord && b.startsWith(a)) return null; // 'Nusr'
      if (/\d/.test(a + b)) return null;
      if (romanized(a) === romanized(b)) { total += 1; continue; } // 'Saeedi' for 'Saidi': one sound, another spelling
      // a word the reader took for an abbreviation is compared as typed too ('Corp' for 'Corps')
      const found = [a, ...(LEX.shortForms.get(a) || [])].map((x) => [osa(x, b), wordLimit(spec, x, b)])
        .filter(([d, limit]) => d <= limit).map(([d]) => d);
      if (!found.length) return null;
      total += Math.min(...found);
    }
    return total;
  }
  // A name of two capitals ('IS') written in capitals or with dots: the word 'is' is no name.
  function casedOk(spec, reply) {
    const said = nameWords(reply);
    const text = reply.normalize("NFKD").replace(/\p{M}/gu, "");
    return spec.cased.every((n) => !said.includes(n) ||
      new RegExp(`(?<![\\p{L}\\p{N}_])(?:${n.toUpperCase()}(?![\\p{L}\\p{N}_])|[${n[0]}${n[0].toUpperCase()}]\\.[${n[1]}${n[1].toUpperCase()}])`, "u").test(text));
  }
  function judgeName(spec, world, reply) {
    const k = key(reply);
    if (!casedOk(spec, reply)) return WRONG;
    if (spec.names.includes(k) || spec.parts.includes(k)) return RIGHT; // 'IRGC Quds Force' says the IRGC
    if (spec.shown.includes(k)) return WRONG;
    if (reply.includes("/") && reply.split("/").every((p) => judgeName(spec, world, p).correct)) return RIGHT; // 'ISIL/ISIS'
    const prep = /^\s*(\p{L}+)\s+(?=\S)/u.exec(reply);
    if (prep && spec.preps.includes(plain(prep[1]))) return judgeName(spec, world, reply.slice(prep[0].length)); // 'near Kirkuk'
    if (askedCore(spec, world, k)) return RIGHT; // 'Al-Qa'im' for "Which border crossing...?"
    const another = other(spec, world, k);
    const bracket = /\s*[(\[]([^()\[\]]*)[)\]]/g;
    const outside = reply.replace(bracket, " ");
    for (const m of reply.matchAll(bracket)) if (!bracketOk(spec, world, m[1], outside)) return WRONG;
    const [main, ...tails] = outside.split(",");
    for (const tail of tails) if (!qualifierOk(spec, world, tail)) return WRONG;
    const candidates = stripped(spec, world, nameWords(main));
    const whole = another ? null : nameVerdict(spec, world, candidates[0][0]);
    if (whole !== null && whole.correct) return whole;
    for (const [words, cut] of candidates.slice(1)) {
      if (another && !cut.every((w) => spec.prompt_words.includes(w))) continue;
      const verdict = nameVerdict(spec, world, words);
      if (verdict !== null && verdict.correct) return verdict;
    }
    if (another || whole !== null) return WRONG;
    return typo(spec, world, candidates.map(([words]) => words));
  }
  // The core of one of the key's own names whose head the prompt names, no other thing's
  // core with that head, and no country or demonym ('Syrian' for "In which desert...?").
  function askedCore(spec, world, k) {
    if (has(world.countries, k) || has(world.demonyms, k)) { // 'the U.S.' for "Which forces...?": the state acting
      const said = countryOf(world, k);
      return spec.asked.includes("force") && spec.bare.some((b) => countryOf(world, b) === said);
    }
    return spec.bare.includes(k) && spec.asked.some((g) => spec.cores[k].includes(g) && !otherCore(spec, world, k, g));
  }
  // The country entity a word names, itself or as its demonym ('irak', 'iraqi': Iraq).
  function countryOf(world, word) {
    if (has(world.countries, word)) return world.countries[word];
    const name = has(world.demonyms, word) ? world.demonyms[word] : "";
    return has(world.countries, name) ? world.countries[name] : null;
  }
  // A word the reply gets "wrong" that is another country or its demonym: a name, no slip.
  function slipsToAnotherCountry(world, words, target) {
    return words.length === target.length && words.some((a, i) => {
      if (a === target[i]) return false;
      const c = countryOf(world, a);
      return c !== null && c !== countryOf(world, target[i]);
    });
  }
  function nameVerdict(spec, world, words) {
    const k = words.join(" ");
    if (!k) return null;
    const joined = k.replace(/ /g, "");
    if (spec.names.includes(k) || spec.parts.includes(k) || spec.solid.includes(joined) || spec.names.some((n) => n.replace(/ /g, "") === joined)) return RIGHT;
    if (spec.shown.includes(k) || other(spec, world, k)) return WRONG;
    if (spec.person && personOk(spec, words)) return RIGHT;
    if (members(spec, words)) return RIGHT; // 'Hezbollah fighters': the group's people are the group
    const [core, heads] = splitHeads(words);
    let ck = core.join(" ");
    if (!has(spec.cores, ck) && heads.length) ck = withEnd(spec, ck);
    if (!has(spec.cores, ck)) return null;
    const groups = spec.cores[ck];
    if (!heads.length && !spec.bare.includes(ck)) return null;
    if (!heads.length) return otherCore(spec, world, ck, null) || other(spec, world, ck) ? WRONG : RIGHT;
    const said = new Set(heads.map((h) => LEX.headGroup.get(h)));
    if (said.size !== 1) return null;
    const g = [...said][0];
    if (groups.includes(g) || (groups.includes(null) && spec.groups.includes(g))) {
      return otherCore(spec, world, ck, g) ? WRONG : RIGHT;
    }
    return null;
  }
  // A crossing's core joined to a place it leads to ('Al-Qa'im–Abu Kamal' crossing).
  function withEnd(spec, core) {
    for (const end of spec.ends) {
      if (core.endsWith(` ${end}`) && has(spec.cores, core.slice(0, -end.length - 1))) return core.slice(0, -end.length - 1);
      if (core.startsWith(`${end} `) && has(spec.cores, core.slice(end.length + 1))) return core.slice(end.length + 1);
    }
    return core;
  }
  function headGroup(heads) {
    const groups = new Set(heads.map((h) => LEX.headGroup.get(h)));
    if (!groups.size) return null;
    return groups.size === 1 ? [...groups][0] : "";
  }
  function members(spec, words) {
    const [core, heads] = splitHeads(words);
    return heads.length > 0 && spec.groups.includes("group") && spec.names.includes(core.join(" ")) && headGroup(heads) === "group";
  }
  function typo(spec, world, candidates) {
    let best = null;
    // a core that stands alone may be misspelt too ('Qods' for Quds Force), where no other thing is so called
    const alone = spec.bare.filter((b) => !otherCore(spec, world, b, null) && !other(spec, world, b));
    for (const words of candidates) {
      for (const name of [...spec.names, ...alone]) {
        if (slipsToAnotherCountry(world, words, name.split(" "))) continue;
        const d = typoDistance(spec, words, name.split(" "));
        if (d !== null && d > 0 && (best === null || d < best[0])) best = [d, words.join(" ")];
      }
    }
    if (best === null) return WRONG;
    const [distance, said] = best;
    for (const [name, owners] of Object.entries(world.owners)) {
      if (intersects(owners, spec.own) || spec.names.includes(name)) continue;
      if (Math.abs(name.length - said.length) <= distance && osa(said, name) <= distance) return WRONG;
    }
    return { correct: true, typo: true };
  }

  function leading(words, phrases) {
    for (const phrase of phrases) {
      const parts = phrase.split(" ");
      if (parts.every((p, i) => words[i] === p)) return parts.length;
    }
    return 0;
  }
  // A number word one slip from a right one is right with a typo ('fuor', 'twentyfive').
  // A clause that says again, word for word, what the prompt or the statement says.
  function restates(spec, clause) {
    const k = key(clause);
    const first = k.split(" ")[0];
    if (!k || LEX.negations.has(first) || first === "and") return false;
    return spec.said.some((said) => ` ${said} `.includes(` ${k} `));
  }
  // A bracket after a number saying what the fact says of something else: words and another
  // number, restating the prompt or statement; not the key's number again, nor a number alone.
  function aside(spec, bracket) {
    const tokens = numberTokens(bracket);
    const keys = spec.numbers.map(([v]) => v);
    return tokens.some((t) => typeof t === "string")
      && !tokens.some((t) => typeof t === "object" && keys.includes(t.value))
      && restates(spec, bracket);
  }
  function withFigures(spec, reply) {
    // the key beside other figures of its event, each counting another noun ('2 dead, 13 injured')
    const parts = reply.split(/(?<!\d),|,(?!\d)|[;()\[\]]|\s(?:and|with|plus)\s/i).filter((p) => p.trim());
    if (parts.length < 2) return false;
    return parts.some((part, i) => judgeNumberAsWritten(spec, part).correct && parts.every((p, j) => j === i || otherFigure(spec, p)));
  }
  function otherFigure(spec, part) {
    const tokens = numberTokens(part);
    const numbers = tokens.filter((t) => typeof t === "object");
    const words = tokens.filter((t) => typeof t === "string");
    if (numbers.length !== 1 || numbers[0].unit !== null) return false;
    if (words.some((w) => LEX.negations.has(w) || w === "or")) return false;
    const said = new Set(words.filter((w) => LEX.countGroup.has(w) && !LEX.neutralNouns.has(w)).map((w) => LEX.countGroup.get(w)));
    const other = [...said].filter((g) => !spec.count_groups.includes(g)); // '55 wounded militiamen': the wounded
    return other.length > 0 && other.every((g) => spec.figures.some(([v, h]) => v === numbers[0].value && h === g));
  }
  function judgeNumber(spec, reply) {
    if (withFigures(spec, reply)) return RIGHT; // '2 dead, 13 injured', '2 people (13 injured)' for the dead
    const clause = /,|\s(?=including\s)/i.exec(reply);
    if (clause && restates(spec, reply.slice(clause.index + clause[0].length))) return judgeNumber(spec, reply.slice(0, clause.index)); // '4, including two children'
    const converted = reply.trim().match(/^([^()\[\]]*\d[^()\[\]]*?)\s*[(\[]([^()\[\]]*\d[^()\[\]]*)[)\]]$/);
    if (converted) { // '24 km (15 mi)': both the value and its conversion right
      const said = numberTokens(converted[2]).filter((t) => typeof t === "object");
      if (said.length === 1 && said[0].unit !== null) {
        return { correct: judgeNumberAsWritten(spec, converted[1]).correct && judgeNumberAsWritten(spec, converted[2]).correct, typo: false };
      }
    }
    const bracketed = reply.trim().match(/^([^()\[\]]+?)\s*[(\[]([^()\[\]]+)[)\]]$/);
    if (bracketed && aside(spec, bracketed[2])) return judgeNumber(spec, bracketed[1]); // '4 (two children)'
    if (bracketed) { // 'ten (10)', 'fourteen rockets (14)': one number, two forms
      const said = numberTokens(bracketed[2]);
      const outer = numberTokens(bracketed[1]).filter((t) => typeof t === "object");
      if (said.length === 1 && typeof said[0] === "object" && outer.length === 1) {
        const same = said[0].value === outer[0].value && (said[0].unit === null || said[0].unit === outer[0].unit);
        return same ? judgeNumberAsWritten(spec, bracketed[1]) : WRONG;
      }
    }
    const verdict = judgeNumberAsWritten(spec, reply);
    if (verdict.correct) return verdict;
    const fixed = reply.replace(/[^\P{L}]+/gu, numberWord);
    if (fixed !== reply && judgeNumberAsWritten(spec, fixed).correct) return { correct: true, typo: true };
    return verdict;
  }
  function numberWord(found) {
    const word = plain(found);
    if (LEX.numberWords.has(word) || word.length < 4 || LEX.negations.has(word) || word === "none") return found;
    for (const [tens, value] of LEX.numberWords) {
      const rest = word.slice(tens.length);
      if (value >= 20 && value % 10 === 0 && word.startsWith(tens) && rest) {
        const unit = LEX.numberWords.has(rest) ? LEX.numberWords.get(rest) : 0;
        if (unit > 0 && unit < 10) return `${tens} ${rest}`;
      }
    }
    const near = [...LEX.numberWords.keys()].filter((name) => name.length >= 3 && osa(word, name) <= 1);
    return near.length === 1 ? near[0] : found; // 'twoo': one slip from 'two' alone
  }
  function judgeNumberAsWritten(spec, reply) {
    const tokens = numberTokens(reply);
    const numbers = tokens.filter((t) => typeof t === "object");
    if (numbers.length !== 1) return WRONG;
    const at = tokens.indexOf(numbers[0]);
    let before = tokens.slice(0, at).filter((t) => typeof t === "string");
    let after = tokens.slice(at + 1).filter((t) => typeof t === "string");
    const allowed = [...LEX.hedges, ...spec.bounds];
    let loose = "";
    while (before.length) {
      let taken = leading(before, allowed);
      if (!taken && !loose && (taken = leading(before, spec.loose))) loose = before.slice(0, taken).join(" ");
      if (taken) before = before.slice(taken);
      else if (spec.context.includes(before[0]) || ["a", "an", "the"].includes(before[0])) before = before.slice(1);
      else return WRONG;
    }
    if (after.length && spec.foreign.includes(after[0])) return WRONG; // 'four children' where two were children
    const trailing = ` ${after.join(" ")} `;
    if (after.some((w) => LEX.negations.has(w)) || LEX.bounds.some((b) => !spec.bounds.includes(b) && trailing.includes(` ${b} `))) return WRONG;
    // a word that counts nothing before the key's counted noun describes it ('170 rocket attacks')
    const last = after.length && LEX.countGroup.has(after[after.length - 1]) ? LEX.countGroup.get(after[after.length - 1]) : null;
    if (last !== null && spec.count_groups.includes(last)) after = after.slice(0, -1).filter((w) => LEX.countGroup.has(w)).concat(after.slice(-1));
    for (const w of after) {
      const counted = LEX.countGroup.has(w) ? LEX.countGroup.get(w) : null;
      const foreign = spec.foreign_groups.includes(counted) || (LEX.neutralNouns.has(w) && !spec.persons);
      if (counted !== null && !spec.count_groups.includes(counted) && foreign) return WRONG; // '25 wounded'
      if (LEX.neutralNouns.has(w) || spec.context.includes(w) || CONNECTORS.has(w) || LEX.hedges.includes(w)) continue;
      if (LEX.particles.has(w)) continue; // 'west of al-Walid': the article of a name the fact says
      const group = LEX.countGroup.has(w) ? LEX.countGroup.get(w) : null;
      if (group === null || !spec.count_groups.includes(group)) return WRONG;
    }
    const n = numbers[0];
    const [value, unit] = spec.numbers[0];
    if (loose) { // 'over 74,000' for about 74,100: a true bound near the key, in its unit
      if (n.unit !== null && n.unit !== unit) return WRONG;
      const below = ["more than", "over", "above", "at least"].includes(loose);
      const near = below ? value * (1 - LEX.tolerance) <= n.value && n.value <= value : value <= n.value && n.value <= value * (1 + LEX.tolerance);
      return { correct: near, typo: false };
    }
    if (n.unit === null) return { correct: spec.numbers.some(([v, u]) => n.value === v && (u === null || u === unit)), typo: false };
    if (unit === null) return WRONG;
    const [dimension, factor] = LEX.units.get(n.unit);
    const [keyDimension, keyFactor] = LEX.units.get(unit);
    if (dimension !== keyDimension) return WRONG;
    for (const [v, u] of spec.numbers) if (u !== null && LEX.units.get(u)[1] === factor && n.value === v) return RIGHT;
    if (factor === keyFactor) return WRONG;
    const expected = value * keyFactor;
    return { correct: Math.abs(n.value * factor - expected) <= LEX.tolerance * expected, typo: false };
  }

  function nearYear(year, near) {
    if (year === null || year >= 0) return year;
    const base = near - (near % 100) + -year;
    return [base - 100, base, base + 100].reduce((a, b) => (Math.abs(b - near) < Math.abs(a - near) ? b : a));
  }
  function fits(spec, r) {
    const [y, m, d] = spec.date;
    const year = nearYear(r.year, y);
    if (d) return r.day === d && r.month === m && (year === y || (year === null && spec.year_given));
    if (m) return r.month === m && (year === y || (year === null && (spec.year_given || spec.month_asked)));
    return year === y;
  }
  function judgeDate(spec, reply) {
    const read = readDate(reply);
    if (read.words.some((w) => LEX.negations.has(w))) return WRONG;
    const said = new Set([...read.qualifiers].filter((q) => ["early", "mid", "late"].includes(q)));
    if (spec.qualifier && said.size && !(said.size === 1 && said.has(spec.qualifier))) return WRONG;
    let readings = read.readings;
    if (!readings.length && !read.words.length && spec.short_year) { // '79' for "which year": 1979
      const digits = reply.match(/\d+/g) || [];
      if (digits.length === 1 && digits[0].length === 2) readings = [R(-parseInt(digits[0], 10))];
    }
    return { correct: readings.some((r) => fits(spec, r)), typo: false };
  }
  function judgePeriod(spec, reply) {
    const text = plain(reply);
    const words = nameWords(reply);
    if (words.some((w) => LEX.negations.has(w) && !SPAN_WORDS.has(w))) return WRONG;
    if (spec.decade) {
      const span = (text.match(/\d+/g) || []).map((y) => parseInt(y, 10));
      if (span.length === 2 && !/(?:^|\s)'?(\d{2})?(\d)0'?s(?=\s|$)/.test(text)) { // '1980-89': the decade as a span
        const rest = words.filter((w) => !/^\d+$/.test(w) && !SPAN_WORDS.has(w));
        if (span[1] < 100) span[1] += span[0] - (span[0] % 100);
        return { correct: !rest.length && span[0] === spec.decade && span[1] === spec.decade + 9, typo: false };
      }
      const decadeRe = /(?:^|\s)'?(\d{2})?(\d)0'?s(?=\s|$)/g;
      const found = [...text.matchAll(decadeRe)];
      if (found.length > 1 || (text.match(/\d+/g) || []).length > 1) return WRONG;
      let decade = null;
      if (found.length === 1) {
        const m = found[0];
        const century = m[1] ? parseInt(m[1], 10) * 100 : spec.decade - (spec.decade % 100);
        decade = century + parseInt(m[2], 10) * 10;
      } else {
        const tens = words.filter((w) => LEX.decadeWords.has(w)).map((w) => LEX.decadeWords.get(w));
        const before = words.filter((w) => LEX.numberWords.has(w)).map((w) => LEX.numberWords.get(w));
        if (tens.length === 1) {
          const century = before.length && before[0] ? before[0] * 100 : spec.decade - (spec.decade % 100);
          decade = century + tens[0];
        }
      }
      return { correct: decade === spec.decade, typo: false };
    }
    const years = (text.match(/\d+/g) || []).map((y) => parseInt(y, 10));
    const rest = words.filter((w) => !/^\d+$/.test(w) && !SPAN_WORDS.has(w) && !LEX.months.includes(w)); // a month says no more than its year
    if (years.length !== 2 || rest.length) return WRONG;
    let [first, last] = years;
    if (first < 100 && last < 100) first += spec.span[0] - (spec.span[0] % 100);
    if (last < 100) last += first - (first % 100);
    return { correct: first === spec.span[0] && last === spec.span[1], typo: false };
  }

  return { setLexicon, grade, key, numberTokens, readDate };
})();
