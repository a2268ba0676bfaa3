// The hub's offline search: matches the query against search.json in the reader's browser, so a
// static site can search without a server. Matching folds text the way confab's fold_text folds
// it when it writes the index (case, Latin accents, typographic quotes, œ), and every query word
// must start a word of the document: "rechauf" finds "réchauffé".
(function () {
  "use strict";

  var kMaxResults = 50;
  var kDebounceMs = 150;

  // fold_text's table for U+00C0..U+00FF: the base letter, "" for × and ÷ (kept as they are).
  var kLatin1 =
      "aaaaaaaceeeeiiii" + "dnooooo" + "\u0000" + "ouuuuyts" +
      "aaaaaaaceeeeiiii" + "dnooooo" + "\u0000" + "ouuuuyty";

  // What fold_text does, character for character.
  function foldChar(ch) {
    var code = ch.charCodeAt(0);
    if (code < 0x80) return ch.toLowerCase();
    if (code >= 0xC0 && code <= 0xFF) {
      var base = kLatin1.charAt(code - 0xC0);
      return base === "\u0000" ? ch : base;
    }
    if (code === 0x2018 || code === 0x2019) return "'";
    if (code === 0x201C || code === 0x201D) return "\"";
    return "oe";  // Œ, œ
  }

  function foldText(text) {
    return String(text).replace(/[A-Z\u00C0-\u00FF\u2018\u2019\u201C\u201D\u0152\u0153]/g, foldChar);
  }

  // fold_text only folds Latin-1 accents; this also folds the rest (ā, decomposed accents, non-
  // ASCII capitals). Applied alike to the index and the query, so both still meet. `folded` is
  // already fold_text's (the index's "f"), which foldText leaves as it is.
  function foldFurther(folded) {
    if (!/[^\x00-\x7f]/.test(folded)) return folded;
    return foldText(folded.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, ""));
  }

  function fold(text) {
    return foldFurther(foldText(text));
  }

  // Word characters as fold_text's matching counts them: a-z, 0-9 and anything not ASCII.
  function isWordChar(ch) {
    return /[a-z0-9]/.test(ch) || ch.charCodeAt(0) >= 0x80;
  }

  function queryWords(query) {
    var words = fold(query).split(/[^a-z0-9\u0080-\uffff]+/);
    var seen = {};
    var unique = [];
    for (var i = 0; i < words.length; i++) {
      if (words[i] !== "" && !Object.prototype.hasOwnProperty.call(seen, words[i])) {
        seen[words[i]] = true;
        unique.push(words[i]);
      }
    }
    return unique;
  }

  // True when `word` occurs in `text` at the start of a word.
  function startsAWord(text, word) {
    var at = text.indexOf(word);
    while (at >= 0) {
      if (at === 0 || !isWordChar(text.charAt(at - 1))) return true;
      at = text.indexOf(word, at + 1);
    }
    return false;
  }

  function prepare(index) {
    var documents = index && Array.isArray(index.documents) ? index.documents : [];
    return documents.map(function (doc, position) {
      return {
        doc: doc,
        position: position,
        text: foldFurther(String(doc.f || "")),
        title: fold(doc.t || ""),
        byline: fold((doc.a || "") + " " + (doc.b || ""))
      };
    });
  }

  // Every document holding all the words, best first: a word in the title weighs 3, in the
  // author or blog 2, elsewhere 1; ties keep the index's order (newest threads first).
  function search(prepared, words) {
    var found = [];
    for (var i = 0; i < prepared.length; i++) {
      var entry = prepared[i];
      var score = 0;
      for (var w = 0; w < words.length; w++) {
        if (!startsAWord(entry.text, words[w])) {
          score = -1;
          break;
        }
        if (startsAWord(entry.title, words[w])) {
          score += 3;
        } else if (startsAWord(entry.byline, words[w])) {
          score += 2;
        } else {
          score += 1;
        }
      }
      if (score >= 0) found.push({entry: entry, score: score});
    }
    found.sort(function (a, b) {
      return b.score - a.score || a.entry.position - b.entry.position;
    });
    return found;
  }

  function countText(form, count) {
    if (count === 0) return form.getAttribute("data-none") || "";
    var pattern = form.getAttribute(count === 1 ? "data-one" : "data-other") || "{n}";
    var lang = document.documentElement.lang || undefined;
    var number;
    try {
      number = count.toLocaleString(lang);
    } catch (error) {
      number = String(count);  // an unknown language tag
    }
    return pattern.split("{n}").join(number);
  }

  function resultItem(form, doc) {
    var item = document.createElement("li");
    var heading = document.createElement("h2");
    heading.className = "search-result-title";
    var link = document.createElement("a");
    link.href = (form.getAttribute("data-root") || "") + (doc.u || "");
    link.textContent = doc.t || form.getAttribute("data-untitled") || doc.u || "";
    heading.appendChild(link);
    item.appendChild(heading);

    var meta = document.createElement("p");
    meta.className = "search-result-meta";
    var parts = [doc.a, doc.b].filter(function (part) { return part; });
    meta.textContent = parts.join(" · ");
    if (doc.d) {
      if (parts.length > 0) meta.appendChild(document.createTextNode(" · "));
      var time = document.createElement("time");
      time.setAttribute("datetime", doc.d);
      time.textContent = String(doc.d).slice(0, 10);
      meta.appendChild(time);
    }
    if (meta.childNodes.length > 0) item.appendChild(meta);

    if (doc.s) {
      var snippet = document.createElement("p");
      snippet.className = "search-snippet";
      snippet.textContent = doc.s;
      item.appendChild(snippet);
    }
    return item;
  }

  function keepQueryInUrl(query) {
    if (!window.history || !window.history.replaceState) return;
    try {
      var url = new URL(window.location.href);
      if (query) {
        url.searchParams.set("q", query);
      } else {
        url.searchParams.delete("q");
      }
      window.history.replaceState(window.history.state, "", url.toString());
    } catch (error) {
      // a page opened from a file: URL may refuse; the search still works
    }
  }

  function start() {
    var form = document.getElementById("search-form");
    var input = document.getElementById("search-query");
    var status = document.getElementById("search-status");
    var results = document.getElementById("search-results");
    if (!form || !input || !status || !results) return;

    var prepared = null;  // the index once loaded
    var failed = false;
    var timer = null;

    function show() {
      var query = input.value.trim();
      keepQueryInUrl(query);
      if (failed) {
        status.textContent = form.getAttribute("data-failed") || "";
        return;
      }
      if (prepared === null) return;  // shown when the index arrives
      while (results.firstChild) results.removeChild(results.firstChild);
      var words = queryWords(query);
      if (words.length === 0) {
        status.textContent = "";
        return;
      }
      var found = search(prepared, words);
      for (var i = 0; i < found.length && i < kMaxResults; i++) {
        results.appendChild(resultItem(form, found[i].entry.doc));
      }
      status.textContent = countText(form, found.length);
    }

    var initial = new URLSearchParams(window.location.search).get("q");
    if (initial) input.value = initial;

    input.addEventListener("input", function () {
      if (timer !== null) window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        timer = null;
        show();
      }, kDebounceMs);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (timer !== null) window.clearTimeout(timer);
      timer = null;
      show();
    });

    fetch(form.getAttribute("data-index") || "search.json")
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (index) {
        prepared = prepare(index);
        show();
      })
      .catch(function () {
        failed = true;
        show();
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
