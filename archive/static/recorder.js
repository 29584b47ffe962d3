// Record a story in the page (MediaRecorder, Opus): a level meter, pause and resume, and listening
// back before saving. The recording is put into the form's file field, so the form sends it like a
// chosen file and the server checks it by content like any other. Without this script (or without a
// microphone API) the file field alone is there, as before.
(function () {
  "use strict";
  var box = document.getElementById("recorder");
  var input = document.getElementById("recording");
  if (!box || !input || !window.MediaRecorder || !navigator.mediaDevices ||
      !navigator.mediaDevices.getUserMedia || !window.DataTransfer) return;
  box.hidden = false;

  var start = document.getElementById("rec-start");
  var pause = document.getElementById("rec-pause");
  var stop = document.getElementById("rec-stop");
  var level = document.getElementById("rec-level");
  var clock = document.getElementById("rec-time");
  var state = document.getElementById("rec-state");
  var review = document.getElementById("rec-review");
  var audio = document.getElementById("rec-audio");
  var discard = document.getElementById("rec-discard");

  var recorder = null, stream = null, context = null, chunks = [], url = null;
  var elapsed = 0, since = 0, ticking = null;

  function kind() {
    var types = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/webm", "audio/mp4"];
    for (var i = 0; i < types.length; i++) {
      if (MediaRecorder.isTypeSupported && MediaRecorder.isTypeSupported(types[i])) return types[i];
    }
    return "";
  }

  function say(text) { state.textContent = text; }

  function shown(seconds) {
    var s = Math.floor(seconds), m = Math.floor(s / 60);
    return m + ":" + String(s % 60).padStart(2, "0");
  }

  function tick() {
    var now = elapsed + (since ? (Date.now() - since) / 1000 : 0);
    clock.textContent = shown(now);
  }

  function meter(source) {
    var analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    source.connect(analyser);
    var samples = new Float32Array(analyser.fftSize);
    (function draw() {
      if (!stream) { level.value = 0; return; }
      analyser.getFloatTimeDomainData(samples);
      var sum = 0;
      for (var i = 0; i < samples.length; i++) sum += samples[i] * samples[i];
      // Speech sits around 0.05-0.3 RMS; scaled so a normal voice fills most of the meter.
      level.value = Math.min(1, Math.sqrt(sum / samples.length) * 4);
      requestAnimationFrame(draw);
    })();
  }

  function release() {
    if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
    stream = null;
    if (context) context.close();
    context = null;
    clearInterval(ticking);
  }

  function buttons(recording, paused) {
    start.disabled = recording;
    pause.disabled = !recording;
    stop.disabled = !recording;
    pause.textContent = paused ? "Resume" : "Pause";
  }

  start.addEventListener("click", function () {
    say("Asking for the microphone…");
    navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: false, noiseSuppression: false } })
      .then(function (media) {
        stream = media;
        chunks = [];
        var type = kind();
        recorder = new MediaRecorder(stream, type ? { mimeType: type, audioBitsPerSecond: 32000 } : {});
        recorder.ondataavailable = function (e) { if (e.data && e.data.size) chunks.push(e.data); };
        recorder.onstop = finished;
        var AudioContext = window.AudioContext || window.webkitAudioContext;
        if (AudioContext) {
          context = new AudioContext();
          meter(context.createMediaStreamSource(stream));
        }
        recorder.start(1000);
        elapsed = 0;
        since = Date.now();
        ticking = setInterval(tick, 250);
        buttons(true, false);
        review.hidden = true;
        say("Recording.");
      })
      .catch(function () {
        say("The microphone could not be used. Allow it for this site, or choose a recorded file below.");
      });
  });

  pause.addEventListener("click", function () {
    if (!recorder) return;
    if (recorder.state === "recording") {
      recorder.pause();
      elapsed += (Date.now() - since) / 1000;
      since = 0;
      buttons(true, true);
      say("Paused. Resume when the storyteller is ready.");
    } else if (recorder.state === "paused") {
      recorder.resume();
      since = Date.now();
      buttons(true, false);
      say("Recording.");
    }
  });

  stop.addEventListener("click", function () {
    if (recorder && recorder.state !== "inactive") {
      if (since) elapsed += (Date.now() - since) / 1000;
      since = 0;
      recorder.stop();
    }
  });

  function finished() {
    release();
    tick();
    buttons(false, false);
    var type = (recorder.mimeType || "audio/webm").split(";")[0];
    var blob = new Blob(chunks, { type: type });
    var ext = type.indexOf("ogg") >= 0 ? "ogg" : type.indexOf("mp4") >= 0 ? "m4a" : "webm";
    var name = "recorded-" + new Date().toISOString().slice(0, 16).replace(/[:T]/g, "-") + "." + ext;
    var file = new File([blob], name, { type: type });
    var transfer = new DataTransfer();
    transfer.items.add(file);
    input.files = transfer.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
    if (url) URL.revokeObjectURL(url);
    url = URL.createObjectURL(blob);
    audio.src = url;
    review.hidden = false;
    start.textContent = "Record again";
    say("Recorded " + shown(elapsed) + " (" + (blob.size / 1048576).toFixed(1) +
        " MB). It is in the form: listen, then save the story.");
  }

  discard.addEventListener("click", function () {
    input.value = "";
    if (url) URL.revokeObjectURL(url);
    url = null;
    audio.removeAttribute("src");
    review.hidden = true;
    clock.textContent = "0:00";
    say("The recording was removed. Press Record to start again.");
  });
})();
