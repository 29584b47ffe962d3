/* The library's player: improves plain <audio controls preload="none"> elements; pages work without it.

   Contract (story pages, clip pages, teaching sets; markup from templates/library/_player.html):
   - <audio data-player preload="none" src="...">: a player. Its container is the nearest ancestor
     with [data-player-root], else its parent. Playing one player pauses the others.
   - data-start="S" data-end="E" (seconds) on the audio, with src="...#t=S,E": a clip. It plays from S
     and pauses at E; the media fragment does most of it, this script holds the end when the listener
     seeks around and sends play back to S once the end is reached (or after a seek outside S..E).
   - any element with data-seek="S" inside the container: a click (or Enter, for a link or button)
     seeks the container's player to S and plays. Links keep an href that works without this script.
   - <select data-speed> inside the container: playback speed (its parent is shown by this script).
   - data-timings="URL" on the audio, and a [data-transcript] in the container holding segments
     [data-o="OFFSET"] (UTF-16 offset of the segment's first character in the published text) whose
     .tx element holds that text character for character: the synced transcript. The timings are
     fetched only when the listener presses play or picks a word, never with the page; then each
     timed word is wrapped in <span class="w">, the word being said gets the class "now" (no live
     announcements: a screen reader is not made to read every word), clicking a word or pressing
     Enter on it listens from there, and the arrow keys move between words (one tab stop).
     The timings' format is archive.library.player.timings_payload: {"v":1,"w":[ds,len,dt,dur,...]}.
   - a page opened at #t=SECONDS cues its first player there (the server does the same for ?t=).
*/
(function () {
  "use strict";
  var players = [];

  function container(audio) {
    return audio.closest("[data-player-root]") || audio.parentElement;
  }

  function num(value) {
    var n = parseFloat(value);
    return isFinite(n) ? n : null;
  }

  function Player(audio) {
    this.audio = audio;
    this.root = container(audio);
    this.start = num(audio.getAttribute("data-start"));
    this.end = num(audio.getAttribute("data-end"));
    this.words = null; // [{a, b, t0, t1, el}] once the timings are in
    this.loading = null;
    this.current = -1;
    this.transcript = this.root.querySelector("[data-transcript]");
    var self = this;
    audio.addEventListener("play", function () { self.onPlay(); });
    audio.addEventListener("timeupdate", function () { self.onTime(); });
    audio.addEventListener("seeked", function () { self.onTime(); });
    this.root.addEventListener("click", function (e) { self.onClick(e); });
    if (this.transcript) {
      this.transcript.addEventListener("keydown", function (e) { self.onKey(e); });
    }
    var speed = this.root.querySelector("select[data-speed]");
    if (speed) {
      var bar = speed.closest("[hidden]");
      if (bar) bar.removeAttribute("hidden");
      var saved = null;
      try { saved = window.localStorage.getItem("playerSpeed"); } catch (err) { saved = null; }
      if (saved && speed.querySelector('option[value="' + saved + '"]')) {
        speed.value = saved;
        audio.playbackRate = audio.defaultPlaybackRate = parseFloat(saved);
      }
      speed.addEventListener("change", function () {
        audio.playbackRate = audio.defaultPlaybackRate = parseFloat(speed.value);
        try { window.localStorage.setItem("playerSpeed", speed.value); } catch (err) { /* private mode */ }
      });
    }
    var help = this.transcript && document.getElementById(this.transcript.getAttribute("aria-describedby"));
    if (help && audio.getAttribute("data-timings")) help.removeAttribute("hidden");
  }

  // Seek to ``t`` (seconds); before anything is loaded, once the recording's length is known.
  Player.prototype.seek = function (t, play) {
    var audio = this.audio;
    if (this.start !== null && t < this.start) t = this.start;
    if (this.end !== null && t > this.end) t = this.end;
    if (audio.readyState >= 1) {
      audio.currentTime = t;
    } else {
      var onMeta = function () {
        audio.removeEventListener("loadedmetadata", onMeta);
        audio.currentTime = t;
      };
      audio.addEventListener("loadedmetadata", onMeta); // nothing is fetched until the listener plays
    }
    if (play) {
      var p = audio.play();
      if (p && p.catch) p.catch(function () { /* refused or interrupted: the controls remain */ });
    }
  };

  Player.prototype.onPlay = function () {
    var self = this;
    players.forEach(function (other) { if (other !== self) other.audio.pause(); });
    var start = this.start || 0;
    if (this.end !== null && (this.audio.currentTime >= this.end - 0.05 || this.audio.currentTime < start - 0.25)) {
      this.audio.currentTime = start;
    }
    this.loadTimings();
    if (this.end !== null) this.watchEnd();
  };

  // timeupdate comes only every ~250 ms; a clip's end is held closer with animation frames.
  Player.prototype.watchEnd = function () {
    var self = this;
    var tick = function () {
      if (self.audio.paused) return;
      if (self.audio.currentTime >= self.end) {
        self.audio.pause();
        self.audio.currentTime = self.end;
        return;
      }
      window.requestAnimationFrame(tick);
    };
    window.requestAnimationFrame(tick);
  };

  Player.prototype.onTime = function () {
    var t = this.audio.currentTime;
    if (this.end !== null && t > this.end + 0.05) {
      this.audio.pause();
      this.audio.currentTime = this.end;
      return;
    }
    if (this.words) this.highlight(this.wordAt(t));
  };

  Player.prototype.wordAt = function (t) {
    var w = this.words, lo = 0, hi = w.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (w[mid].t0 <= t) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  };

  Player.prototype.highlight = function (i) {
    if (i === this.current) return;
    var old = this.current >= 0 ? this.words[this.current].el : null;
    if (old) old.classList.remove("now");
    this.current = i;
    var el = i >= 0 ? this.words[i].el : null;
    if (!el) return;
    el.classList.add("now");
    this.rove(el);
    // Follow the reading only while the previous word was in view: never pull away a reader who scrolled.
    if (old && visible(old) && !visible(el)) el.scrollIntoView({ block: "center" });
  };

  function visible(el) {
    var r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < (window.innerHeight || document.documentElement.clientHeight);
  }

  // One tab stop in the transcript: the current word.
  Player.prototype.rove = function (el) {
    if (this.tabStop && this.tabStop !== el) this.tabStop.setAttribute("tabindex", "-1");
    el.setAttribute("tabindex", "0");
    this.tabStop = el;
  };

  Player.prototype.loadTimings = function () {
    var url = this.audio.getAttribute("data-timings");
    var self = this;
    if (this.words || !url || !this.transcript || !window.fetch) return Promise.resolve(this.words);
    if (!this.loading) {
      this.loading = fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (data) { self.wrap(data.w || []); return self.words; })
        .catch(function () { self.loading = null; return null; }); // the plain page stays as it is
    }
    return this.loading;
  };

  // Wrap each timed word of the transcript in a span, segment by segment.
  Player.prototype.wrap = function (flat) {
    var words = [], a = 0, t = 0, i;
    for (i = 0; i + 3 < flat.length; i += 4) {
      a += flat[i];
      t += flat[i + 2];
      words.push({ a: a, b: a + flat[i + 1], t0: t / 100, t1: (t + flat[i + 3]) / 100, el: null });
    }
    var segs = this.transcript.querySelectorAll("[data-o]");
    var k = words.length - 1;
    for (var s = segs.length - 1; s >= 0; s--) {
      var base = parseInt(segs[s].getAttribute("data-o"), 10);
      var tx = segs[s].querySelector(".tx") || segs[s];
      var nodes = textNodes(tx, base);
      var limit = nodes.length ? nodes[nodes.length - 1].end : base;
      while (k >= 0 && words[k].a >= limit) k--; // untimed text past this segment's end
      for (; k >= 0 && words[k].a >= base; k--) {
        words[k].el = wrapWord(nodes, words[k], k);
      }
    }
    this.words = words;
    var first = null;
    for (i = 0; i < words.length && !first; i++) first = words[i].el;
    if (first) this.rove(first);
    this.onTime();
  };

  function textNodes(el, base) {
    var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, null), out = [], n, pos = base;
    while ((n = walker.nextNode())) {
      out.push({ node: n, start: pos, end: pos + n.data.length });
      pos += n.data.length;
    }
    return out;
  }

  // Words are wrapped from the last to the first, so splitting a node never moves an earlier word.
  function wrapWord(nodes, word, index) {
    for (var j = nodes.length - 1; j >= 0; j--) {
      var n = nodes[j];
      if (word.a < n.start || word.a >= n.end) continue;
      var from = word.a - n.start, to = Math.min(word.b, n.end) - n.start;
      var mid = from > 0 ? n.node.splitText(from) : n.node;
      if (to - from < mid.data.length) mid.splitText(to - from);
      if (from > 0) n.end = n.start + from; // the node now ends where this word began
      var span = document.createElement("span");
      span.className = "w";
      span.setAttribute("tabindex", "-1");
      span.setAttribute("data-i", index);
      mid.parentNode.replaceChild(span, mid);
      span.appendChild(mid);
      if (from === 0) n.end = n.start; // nothing left of this node before the word
      return span;
    }
    return null;
  }

  // The character offset (published text, UTF-16) under a click, before the words are wrapped.
  function offsetAt(e, seg) {
    var node = null, off = 0, pos;
    if (document.caretPositionFromPoint) {
      pos = document.caretPositionFromPoint(e.clientX, e.clientY);
      if (pos) { node = pos.offsetNode; off = pos.offset; }
    } else if (document.caretRangeFromPoint) {
      pos = document.caretRangeFromPoint(e.clientX, e.clientY);
      if (pos) { node = pos.startContainer; off = pos.startOffset; }
    }
    if (!node || node.nodeType !== 3) return null;
    var tx = seg.querySelector(".tx") || seg;
    var nodes = textNodes(tx, parseInt(seg.getAttribute("data-o"), 10));
    for (var j = 0; j < nodes.length; j++) if (nodes[j].node === node) return nodes[j].start + off;
    return null;
  }

  // The word at ``offset``, or the next one after it (a click between words).
  Player.prototype.wordIndexAtOffset = function (offset) {
    for (var i = 0; i < this.words.length; i++) {
      if (this.words[i].b > offset && this.words[i].el) return i;
    }
    return -1;
  };

  Player.prototype.onClick = function (e) {
    var target = e.target.closest ? e.target.closest("[data-seek], .w") : null;
    var self = this;
    if (target && this.root.contains(target)) {
      if (target.classList.contains("w")) {
        e.preventDefault();
        this.playWord(parseInt(target.getAttribute("data-i"), 10));
        return;
      }
      var s = num(target.getAttribute("data-seek"));
      if (s !== null) {
        e.preventDefault();
        this.seek(s, true);
      }
      return;
    }
    // A click in the text before the timings came: find the word under it once they are here.
    var seg = e.target.closest ? e.target.closest("[data-o]") : null;
    if (!seg || this.words || !this.transcript || !this.audio.getAttribute("data-timings")) return;
    if (window.getSelection && String(window.getSelection())) return; // selecting text, not picking a word
    var offset = offsetAt(e, seg);
    this.loadTimings().then(function (words) {
      if (!words) return;
      var i = offset === null ? -1 : self.wordIndexAtOffset(offset);
      if (i < 0) {
        var link = seg.querySelector("[data-seek]");
        if (link) self.seek(num(link.getAttribute("data-seek")), true);
        return;
      }
      self.playWord(i);
    });
  };

  Player.prototype.playWord = function (i) {
    var w = this.words && this.words[i];
    if (!w) return;
    this.highlight(i);
    this.seek(w.t0, true);
  };

  Player.prototype.onKey = function (e) {
    if (!this.words || !e.target.classList || !e.target.classList.contains("w")) return;
    var i = parseInt(e.target.getAttribute("data-i"), 10), next = null, step = 0;
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      this.playWord(i);
      return;
    }
    if (e.key === "ArrowRight" || e.key === "ArrowDown") step = 1;
    else if (e.key === "ArrowLeft" || e.key === "ArrowUp") step = -1;
    else if (e.key === "Home") { step = -1; i = this.words.length; }
    else if (e.key === "End") { step = 1; i = -1; }
    else return;
    e.preventDefault();
    for (var j = i + step; j >= 0 && j < this.words.length; j += step) {
      if (this.words[j].el) { next = this.words[j].el; break; }
    }
    if (next) { this.rove(next); next.focus(); }
  };

  function init() {
    var audios = document.querySelectorAll("audio[data-player]");
    for (var i = 0; i < audios.length; i++) players.push(new Player(audios[i]));
    var m = /^#t=(\d+(?:\.\d+)?)$/.exec(window.location.hash);
    if (m && players.length && !/[?&]t=/.test(window.location.search)) players[0].seek(parseFloat(m[1]), false);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
