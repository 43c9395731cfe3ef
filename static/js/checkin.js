// The check-in page: scan registration QR codes with the phone's camera (jsQR) or
// take a typed code; each is posted to the server. On a weak connection scans are
// kept in localStorage and sent when the connection is back, so none is lost.
// Without JavaScript the form posts normally.
(function () {
  "use strict";
  var form = document.getElementById("checkin-form");
  var textsNode = document.getElementById("checkin-texts");
  if (!form || !textsNode) {
    return;
  }
  var texts = JSON.parse(textsNode.textContent);
  var input = document.getElementById("checkin-code");
  var result = document.getElementById("checkin-result");
  var counter = document.getElementById("checkin-count");
  var queueNote = document.getElementById("checkin-queue");
  var scanner = document.getElementById("checkin-scanner");
  var cameraButton = document.getElementById("checkin-camera");
  var cameraNote = document.getElementById("checkin-camera-note");
  var video = document.getElementById("checkin-video");
  var canvas = document.getElementById("checkin-canvas");
  var csrf = form.elements.csrfmiddlewaretoken.value;
  var storageKey = "checkin-queue:" + form.action;
  var sending = false;

  function format(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_match, name) {
      return values[name] === undefined ? "" : String(values[name]);
    });
  }

  // --- the queue of scans not yet sent ------------------------------------------
  // Kept in localStorage, so that a page reloaded (or a phone restarted) keeps it.
  function readQueue() {
    try {
      var stored = JSON.parse(window.localStorage.getItem(storageKey) || "[]");
      return Array.isArray(stored) ? stored : [];
    } catch (e) {
      return [];
    }
  }

  var queue = readQueue();

  function writeQueue(codes) {
    queue = codes;
    try {
      window.localStorage.setItem(storageKey, JSON.stringify(queue));
    } catch (e) {
      /* No storage (a private window): the queue lives as long as the page. */
    }
    showQueue();
  }

  function keep(code) {
    if (queue.indexOf(code) === -1) {
      writeQueue(queue.concat([code]));
    }
    showQueue();
  }

  function showQueue() {
    queueNote.hidden = queue.length === 0;
    queueNote.textContent = format(texts.queued, { count: queue.length });
  }

  // --- what the server answered ----------------------------------------------------
  function show(message, level) {
    result.className = "alert alert-" + level;
    result.textContent = message;
  }

  var levels = { checked_in: "success", already: "warning", other_event: "danger", unknown: "danger" };

  function answered(data) {
    show(data.message, levels[data.status] || "danger");
    counter.textContent = format(texts.count, {
      checked_in: data.checked_in,
      registered: data.registered,
    });
    if (data.status === "checked_in" && navigator.vibrate) {
      navigator.vibrate(120);
    }
  }

  // Resolves to "done" (answered, or refused for good) or "later" (keep the scan).
  function post(code) {
    var body = new FormData();
    body.append("code", code);
    return fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": csrf },
    })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (response.ok && type.indexOf("application/json") !== -1) {
          return response.json().then(function (data) {
            answered(data);
            return "done";
          });
        }
        if (response.redirected || response.status === 403) {
          show(texts.signed_out, "danger");
        }
        return "later";
      })
      .catch(function () {
        return "later";
      });
  }

  function record(code) {
    code = code.replace(/[\s-]+/g, "").toUpperCase();
    if (!code) {
      return;
    }
    if (!navigator.onLine) {
      keep(code);
      show(format(texts.kept, { code: code }), "warning");
      return;
    }
    post(code).then(function (outcome) {
      if (outcome === "later") {
        keep(code);
        if (result.textContent !== texts.signed_out) {
          show(format(texts.kept, { code: code }), "warning");
        }
      }
    });
  }

  // Send the kept scans one by one; stop at the first that still cannot go.
  function sync() {
    if (sending || !navigator.onLine || queue.length === 0) {
      return;
    }
    sending = true;
    var next = function () {
      if (queue.length === 0) {
        sending = false;
        return;
      }
      post(queue[0]).then(function (outcome) {
        if (outcome === "done") {
          writeQueue(queue.slice(1));
          next();
        } else {
          sending = false;
        }
      });
    };
    next();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    record(input.value);
    input.value = "";
    input.focus();
  });
  window.addEventListener("online", sync);
  window.setInterval(sync, 15000);
  showQueue();
  sync();

  // --- the camera -------------------------------------------------------------------
  scanner.hidden = false;
  var stream = null;
  var lastCode = "";
  var lastAt = 0;
  var context = canvas.getContext("2d", { willReadFrequently: true });

  function stopCamera() {
    if (stream) {
      stream.getTracks().forEach(function (track) {
        track.stop();
      });
    }
    stream = null;
    video.parentNode.hidden = true;
    cameraButton.textContent = texts.start;
  }

  function scan() {
    if (!stream) {
      return;
    }
    if (video.readyState >= video.HAVE_ENOUGH_DATA && video.videoWidth) {
      var scale = Math.min(1, 640 / video.videoWidth);
      canvas.width = Math.round(video.videoWidth * scale);
      canvas.height = Math.round(video.videoHeight * scale);
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      var image = context.getImageData(0, 0, canvas.width, canvas.height);
      var found = window.jsQR(image.data, image.width, image.height, {
        inversionAttempts: "dontInvert",
      });
      var now = Date.now();
      // The same code held in front of the camera is sent once, not at every frame.
      if (found && found.data && (found.data !== lastCode || now - lastAt > 4000)) {
        lastCode = found.data;
        lastAt = now;
        record(found.data);
      }
    }
    window.setTimeout(function () {
      window.requestAnimationFrame(scan);
    }, 200);
  }

  cameraButton.addEventListener("click", function () {
    if (stream) {
      stopCamera();
      return;
    }
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || !window.jsQR) {
      cameraNote.textContent = texts.no_camera;
      return;
    }
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (media) {
        stream = media;
        video.srcObject = media;
        video.parentNode.hidden = false;
        cameraNote.textContent = "";
        cameraButton.textContent = texts.stop;
        return video.play().then(scan);
      })
      .catch(function (error) {
        stopCamera();
        cameraNote.textContent =
          error && error.name === "NotAllowedError" ? texts.refused : texts.no_camera;
      });
  });
  window.addEventListener("pagehide", stopCamera);
})();
