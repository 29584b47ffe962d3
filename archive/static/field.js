// The new-story page in the field: recordings sent resumably (tus 1.0, in small pieces, resumed
// where they stopped when the signal comes back), and with no connection a queue on the phone
// (IndexedDB) with a consent card made here, sent when the facilitator presses Send.
// Without this script the form posts as it always did.
(function () {
  "use strict";
  var script = document.currentScript;
  var form = document.getElementById("new-story");
  if (!form || !script || !window.indexedDB || !window.fetch || !window.crypto) return;
  var UPLOADS = script.getAttribute("data-uploads");
  var NEW = script.getAttribute("data-new");
  var PIECE = 64 * 1024; // a cut costs at most this again (bench/upload.py: 1.05x at 256 kbit/s)
  var ALPHABET = "ABCDEFGHJKMNPQRSTWXYZ23456789";
  var FILES = ["recording", "consent_recording"];
  var SKIP = ["csrf_token", "submission_key", "card_code", "card_secret", "recording_upload",
    "consent_recording_upload", "recording_kept", "consent_recording_kept"];
  var sendState = document.getElementById("send-state");
  var queueBox = document.getElementById("offline-queue");
  var list = document.getElementById("queue-list");
  var empty = document.getElementById("queue-empty");
  var made = document.getElementById("card-made");
  queueBox.hidden = false;

  // The page may come from the phone's copy, fetched days ago: consent is given today, not then.
  function today() {
    var given = form.elements.given_on, now = new Date();
    if (given) {
      given.value = now.getFullYear() + "-" + String(now.getMonth() + 1).padStart(2, "0") + "-" +
        String(now.getDate()).padStart(2, "0");
    }
  }
  if (!document.getElementById("error-summary")) today();

  if ("serviceWorker" in navigator) {
    var assets = [];
    document.querySelectorAll("link[rel=stylesheet], script[src]").forEach(function (el) {
      var u = new URL(el.href || el.src, location.href);
      if (u.origin === location.origin) assets.push(u.pathname);
    });
    navigator.serviceWorker.register(script.getAttribute("data-worker") + "?assets=" +
      encodeURIComponent(assets.join(","))).catch(function () {});
  }
  if (navigator.storage && navigator.storage.persist) navigator.storage.persist();

  // ---- the phone's store (IndexedDB) ----
  var opened = null;
  function store(mode, work) {
    opened = opened || new Promise(function (ok, fail) {
      var req = indexedDB.open("story-archive-field", 1);
      req.onupgradeneeded = function () { req.result.createObjectStore("stories", { keyPath: "id" }); };
      req.onsuccess = function () { ok(req.result); };
      req.onerror = function () { fail(req.error); };
    });
    return opened.then(function (db) {
      return new Promise(function (ok, fail) {
        var tx = db.transaction("stories", mode);
        var result = work(tx.objectStore("stories"));
        tx.oncomplete = function () { ok(result && "result" in result ? result.result : undefined); };
        tx.onerror = function () { fail(tx.error); };
      });
    });
  }
  function all() { return store("readonly", function (s) { return s.getAll(); }); }
  function keep(item) { return store("readwrite", function (s) { s.put(item); }); }
  function drop(id) { return store("readwrite", function (s) { s.delete(id); }); }

  // ---- random codes, as the server makes them (archive.crypto) ----
  function chars(n) {
    var out = "";
    while (out.length < n) {
      var bytes = crypto.getRandomValues(new Uint8Array(n * 2));
      for (var i = 0; i < bytes.length && out.length < n; i++) {
        if (bytes[i] < 232) out += ALPHABET.charAt(bytes[i] % 29); // 232 = 8 * 29: no bias
      }
    }
    return out;
  }
  function key() {
    var bytes = crypto.getRandomValues(new Uint8Array(18));
    return btoa(String.fromCharCode.apply(null, bytes)).replace(/\+/g, "-").replace(/\//g, "_");
  }
  function newCard() { return { code: chars(8), secret: chars(10) }; }
  function mb(n) { return (n / 1048576).toFixed(1) + " MB"; }
  function wait(ms) { return new Promise(function (ok) { setTimeout(ok, ms); }); }
  function online() {
    if (navigator.onLine) return Promise.resolve();
    return new Promise(function (ok) { window.addEventListener("online", ok, { once: true }); });
  }

  // ---- tus 1.0: create, ask where it stands, send the rest in pieces ----
  function tus(extra, csrf) {
    var h = { "Tus-Resumable": "1.0.0" };
    if (csrf) h["X-CSRFToken"] = csrf;
    for (var k in extra) h[k] = extra[k];
    return h;
  }
  function Fatal(message) { this.message = message; }

  async function standing(url) {
    var r = await fetch(url, { method: "HEAD", headers: tus({}), cache: "no-store" });
    if (r.status === 404) return null;
    if (!r.ok) throw new Error("HEAD " + r.status);
    return parseInt(r.headers.get("Upload-Offset"), 10);
  }

  async function upload(blob, field, csrf, known, remember, progress, stopOffline) {
    // renewed: the form token outlived by a long upload (WTF_CSRF_TIME_LIMIT) is fetched anew.
    var url = known, offset = null, pause = 1000, renewed = 0;
    for (;;) {
      try {
        if (url) offset = await standing(url);
        if (offset === null) {
          var created = await fetch(UPLOADS, { method: "POST", headers: tus({
            "Upload-Length": String(blob.size), "Upload-Metadata": "field " + btoa(field) +
              (blob.name ? ",filename " + btoa(unescape(encodeURIComponent(blob.name))) : "") }, csrf) });
          if (created.status !== 201) throw new Fatal(await reason(created));
          url = created.headers.get("Location");
          offset = 0;
          await remember(url);
        }
        while (offset < blob.size) {
          progress(offset, blob.size);
          var r = await fetch(url, { method: "PATCH", body: blob.slice(offset, offset + PIECE),
            headers: tus({ "Upload-Offset": String(offset),
              "Content-Type": "application/offset+octet-stream" }, csrf) });
          if (r.status === 204) { offset = parseInt(r.headers.get("Upload-Offset"), 10); pause = 1000; }
          else if (r.status === 409 || r.status === 423 || r.status >= 500) { offset = null; break; }
          else if (r.status === 400 && renewed++ < 3 && (csrf = await freshToken())) { offset = null; break; }
          else throw new Fatal(await reason(r));
        }
        if (offset !== null && offset >= blob.size) {
          progress(blob.size, blob.size);
          return url.split("/").pop();
        }
      } catch (err) {
        // A hiccup is waited out; a phone that has lost its network keeps the story instead.
        if (err instanceof Fatal || (stopOffline && !navigator.onLine)) throw err;
        // The connection fell: wait for it, then ask the server how much it has.
        progress(offset || 0, blob.size, "Waiting for a connection…");
        await online();
        await wait(pause);
        pause = Math.min(pause * 2, 30000);
      }
    }
  }

  async function reason(response) {
    try { return (await response.json()).error.message; }
    catch (e) { return "The server answered " + response.status + "."; }
  }

  // ---- saving the form: resumable upload with a connection, the queue without ----
  function chosenFiles() {
    var files = {};
    FILES.forEach(function (name) {
      var input = form.elements[name];
      if (input && input.files && input.files[0] && input.files[0].size) files[name] = input.files[0];
    });
    return files;
  }

  form.addEventListener("submit", function (event) {
    var files = chosenFiles();
    if (!navigator.onLine) {
      event.preventDefault();
      queueStory(files);
      return;
    }
    if (!Object.keys(files).length) return; // a typed story: the form goes as it is
    event.preventDefault();
    sendAhead(files);
  });

  async function sendAhead(files) {
    var csrf = form.elements.csrf_token.value;
    var started = {};
    sendState.hidden = false;
    try {
      for (var name in files) {
        var id = await upload(files[name], name, csrf, null, function (url) {
          started[name] = url;
          return Promise.resolve();
        }, function (done, size) {
          sendState.textContent = "Sending the recording: " + mb(done) + " of " + mb(size) + ".";
        }, true);
        form.elements[name + "_upload"].value = id;
        form.elements[name].value = ""; // sent already: not a second time with the form
      }
      sendState.textContent = "Recording sent. Saving the story…";
      form.submit();
    } catch (err) {
      if (err instanceof Fatal) { sendState.textContent = err.message; return; }
      sendState.textContent = "The connection fell: the story is kept on this phone instead.";
      queueStory(files, started); // its upload resumes from where it stopped
    }
  }

  async function queueStory(files, started) {
    if (!form.reportValidity()) return;
    var fields = [];
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string" && SKIP.indexOf(name) < 0) fields.push([name, value]);
    });
    var kept = {}, size = 0;
    for (var name in files) {
      kept[name] = { blob: files[name], name: files[name].name, type: files[name].type };
      size += files[name].size;
    }
    // A story opened again from the queue keeps its card (the storyteller holds it) and its key.
    var again = form.elements.card_code.value;
    var item = {
      id: key(), submission_key: again ? form.elements.submission_key.value : key(),
      created: Date.now(), title: form.elements.title.value, fields: fields, files: kept, size: size,
      card: again ? { code: again, secret: form.elements.card_secret.value } : newCard(),
      uploads: started || {}, kept: {}, problem: "", messages: []
    };
    await keep(item);
    form.reset();
    today();
    showCard(item);
    render();
  }

  function showCard(item) {
    made.hidden = false;
    made.textContent = "";
    var p = document.createElement("p");
    p.textContent = "Give the storyteller their consent card now. Write on it the address " +
      location.origin + "/consent/ and:";
    var dl = document.createElement("dl");
    [["Code", item.card.code.slice(0, 4) + "-" + item.card.code.slice(4)],
      ["Secret", item.card.secret.slice(0, 5) + " " + item.card.secret.slice(5)]].forEach(function (pair) {
      var dt = document.createElement("dt"), dd = document.createElement("dd");
      dt.textContent = pair[0];
      dd.textContent = pair[1];
      dd.className = "code";
      dl.append(dt, dd);
    });
    var note = document.createElement("p");
    note.textContent = "“" + item.title + "” is kept on this phone until you send it.";
    made.append(p, dl, note);
    made.focus();
  }

  // ---- the list of stories kept on the phone ----
  async function render() {
    var items = (await all()).sort(function (a, b) { return a.created - b.created; });
    list.textContent = "";
    empty.hidden = items.length > 0;
    items.forEach(function (item) {
      var li = document.createElement("li");
      li.className = "queued";
      var what = document.createElement("p");
      what.textContent = item.title + " · " + new Date(item.created).toLocaleString() + " · " +
        (item.size ? mb(item.size) : "typed") + " · card " + item.card.code.slice(0, 4) + "-" +
        item.card.code.slice(4);
      var state = document.createElement("p");
      state.className = "queue-state";
      state.setAttribute("role", "status");
      state.textContent = item.messages.join(" ");
      var send = button("Send", function () { sendQueued(item, state, send); });
      var remove = button("Delete", async function () {
        if (!confirm("Delete “" + item.title + "” from this phone? Its recording is nowhere else.")) return;
        await drop(item.id);
        render();
      }, "secondary");
      li.append(what, state, send, remove);
      if (item.problem === "refused") {
        li.append(button("Open in the form", async function () {
          restore(item);
          await drop(item.id);
          render();
        }, "secondary"));
      }
      if (item.problem === "card") {
        li.append(button("Make a new card", async function () {
          item.card = newCard();
          item.problem = "";
          item.messages = ["A new card was made: give it to the storyteller, then send."];
          await keep(item);
          showCard(item);
          render();
        }, "secondary"));
      }
      list.append(li);
    });
  }

  // A refused story back in the form, to be corrected: its fields, recordings, card and key.
  function restore(item) {
    form.reset();
    form.querySelectorAll("input[type=checkbox], input[type=radio]").forEach(function (el) {
      el.checked = false;
    });
    item.fields.forEach(function (pair) {
      form.querySelectorAll('[name="' + CSS.escape(pair[0]) + '"]').forEach(function (el) {
        if (el.type === "checkbox" || el.type === "radio") { if (el.value === pair[1]) el.checked = true; }
        else el.value = pair[1];
      });
    });
    for (var name in item.files) {
      var transfer = new DataTransfer();
      var f = item.files[name];
      transfer.items.add(new File([f.blob], f.name || "recording", { type: f.type }));
      form.elements[name].files = transfer.files;
    }
    form.elements.card_code.value = item.card.code;
    form.elements.card_secret.value = item.card.secret;
    form.elements.submission_key.value = item.submission_key;
    sendState.hidden = false;
    sendState.textContent = "“" + item.title + "” is back in the form: " + item.messages.join(" ");
    form.scrollIntoView();
  }

  function button(label, action, style) {
    var b = document.createElement("button");
    b.type = "button";
    b.textContent = label;
    if (style) b.className = style;
    b.addEventListener("click", action);
    return b;
  }

  async function freshToken() {
    var page = await fetch(NEW, { cache: "no-store" });
    if (!page.ok || page.redirected) return null; // signed out: the sign-in page answered
    var doc = new DOMParser().parseFromString(await page.text(), "text/html");
    var input = doc.querySelector("input[name=csrf_token]");
    if (!input) return null;
    form.elements.csrf_token.value = input.value; // the form sent after a long upload needs it too
    return input.value;
  }

  async function sendQueued(item, state, send) {
    if (!navigator.onLine) { state.textContent = "No connection yet: send when there is one."; return; }
    send.disabled = true;
    try {
      var csrf = await freshToken();
      if (!csrf) { state.textContent = "Sign in first (Staff sign-in), then press Send again."; return; }
      var body = new FormData();
      item.fields.forEach(function (pair) { body.append(pair[0], pair[1]); });
      for (var name in item.files) {
        if (item.kept[name]) { body.append(name + "_kept", item.kept[name]); continue; }
        var id = await upload(item.files[name].blob, name, csrf, item.uploads[name], function (url) {
          item.uploads[name] = url;
          return keep(item);
        }, function (done, size, note) {
          state.textContent = note || ("Sending: " + mb(done) + " of " + mb(size) + ".");
        });
        body.append(name + "_upload", id);
      }
      body.append("submission_key", item.submission_key);
      body.append("card_code", item.card.code);
      body.append("card_secret", item.card.secret);
      body.append("csrf_token", csrf);
      state.textContent = "Saving the story…";
      var r = await fetch(NEW, { method: "POST", body: body, redirect: "manual" });
      if (r.status === 201 || r.type === "opaqueredirect") {
        await drop(item.id); // the archive has it (a second send of it is saved once)
        state.textContent = "Sent: the archive has “" + item.title + "”; it was removed from this phone.";
        sendState.hidden = false;
        sendState.textContent = state.textContent;
        render();
        return;
      }
      if (r.status !== 400) { state.textContent = "The archive did not take it now (" + r.status + "); try again later."; return; }
      var doc = new DOMParser().parseFromString(await r.text(), "text/html");
      item.uploads = {}; // used by this try; a recording that passed is kept by the server instead
      FILES.forEach(function (name) {
        var k = doc.querySelector("input[name=" + name + "_kept]");
        if (k && k.value) item.kept[name] = k.value; else delete item.kept[name];
      });
      item.problem = r.headers.get("X-Card-Code-In-Use") ? "card" : "refused";
      item.messages = Array.prototype.map.call(doc.querySelectorAll(".error-summary li"), function (li) {
        return li.textContent.trim();
      });
      await keep(item);
      render();
    } catch (err) {
      state.textContent = err instanceof Fatal ? err.message : "The connection fell; press Send again when it is back.";
    } finally {
      send.disabled = false;
    }
  }

  render();
})();
