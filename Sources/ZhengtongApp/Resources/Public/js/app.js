// Small progressive enhancements; every page works without them. No inline scripts (the CSP forbids them).
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Ask before destructive actions.
  document.querySelectorAll("[data-confirm]").forEach(function (element) {
    element.addEventListener("click", function (event) {
      if (!window.confirm(element.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
  // A unit picker that changes which departments can be chosen reloads the form for that unit.
  document.querySelectorAll("select[data-reload]").forEach(function (select) {
    select.addEventListener("change", function () {
      var target = select.getAttribute("data-reload");
      window.location.href = target + "?unit=" + encodeURIComponent(select.value);
    });
  });
  // Blocks on a time grid (a room's week) take their place from data attributes: the CSP forbids style
  // attributes in the page, not styles set here. Without scripts the blocks simply stack in their day.
  document.querySelectorAll("[data-top][data-height]").forEach(function (block) {
    block.style.top = block.getAttribute("data-top");
    block.style.height = block.getAttribute("data-height");
    block.classList.add("placed");
  });
  // 座次: a name dragged onto another seat fills the 调整座位 form and sends it (the form works without scripts).
  document.querySelectorAll("[data-seat-board]").forEach(function (board) {
    var form = board.parentElement.querySelector("form[data-seat-form]");
    if (!form) { return; }
    var dragged = null;
    board.querySelectorAll("[data-attendee]").forEach(function (person) {
      person.addEventListener("dragstart", function (event) {
        dragged = person.getAttribute("data-attendee");
        event.dataTransfer.setData("text/plain", dragged);
      });
    });
    board.querySelectorAll("td[data-zone]").forEach(function (seat) {
      seat.addEventListener("dragover", function (event) { event.preventDefault(); seat.classList.add("seat-target"); });
      seat.addEventListener("dragleave", function () { seat.classList.remove("seat-target"); });
      seat.addEventListener("drop", function (event) {
        event.preventDefault();
        if (!dragged) { return; }
        form.querySelector("[name=attendee]").value = dragged;
        form.querySelector("[name=zone]").value = seat.getAttribute("data-zone");
        form.querySelector("[name=row]").value = seat.getAttribute("data-row");
        form.querySelector("[name=number]").value = seat.getAttribute("data-number");
        form.submit();
      });
    });
  });
  // Filters that apply as soon as they change.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
});

// Drafting forms save themselves every minute when something changed. A failed save says so and leaves
// the text where it is; the next save (or the button) tries again with what is on the page.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("form[data-autosave]").forEach(function (form) {
    var status = form.querySelector("[data-autosave-status]");
    var versionField = form.querySelector("[data-version]");
    var last = new URLSearchParams(new FormData(form)).toString();
    function say(text) { if (status) { status.textContent = text; } }
    var timer = setInterval(function () {
      var body = new URLSearchParams(new FormData(form)).toString();
      if (body === last) { return; }
      fetch(form.getAttribute("data-autosave"), {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json" },
        body: body
      }).then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; });
      }).then(function (result) {
        if (result.ok && result.data.sentBackToSigner) {
          // The change went to a signed document: it is back with the signer and no longer this person's to edit.
          clearInterval(timer);
          last = new URLSearchParams(new FormData(form)).toString();
          say(result.data.message || "");
        } else if (result.ok) {
          if (versionField) { versionField.value = String(result.data.version); }
          last = new URLSearchParams(new FormData(form)).toString();
          say(status.getAttribute("data-saved") + " " + result.data.savedAt);
        } else {
          say(status.getAttribute("data-failed") + (result.data.error ? result.data.error.message : ""));
        }
      }).catch(function () {
        say(status.getAttribute("data-failed"));
      });
    }, 60000);
  });
  // ==== 预警 (Alerts): the body's length against the SMS limit, as it is typed (the server checks it anyway). ====
  document.querySelectorAll("textarea[data-count-limit]").forEach(function (area) {
    var limit = parseInt(area.getAttribute("data-count-limit"), 10);
    var target = document.getElementById(area.getAttribute("data-count-target"));
    if (!target || !limit) { return; }
    var update = function () {
      var length = Array.from(area.value.trim()).length;
      target.textContent = length + " / " + limit;
      target.classList.toggle("over", length > limit);
    };
    area.addEventListener("input", update);
    update();
  });
  // ==== end 预警 ====
});

// 内部邮件 (mail): the recipient picker. Typing in a field marked data-mail-picker asks /mail/recipients; a chosen
// candidate becomes a checked box (name `to[]`, `cc[]`, `bcc[]` or `members[]`) in the field's chip row, and the
// typed text is cleared. Without the script the typed names are resolved by the server.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("input[data-mail-picker]").forEach(function (input) {
    var field = input.getAttribute("data-mail-picker");
    var chips = document.querySelector("[data-mail-chips='" + field + "']");
    var results = document.querySelector("[data-mail-results='" + field + "']");
    var peopleOnly = input.hasAttribute("data-mail-people-only");
    var timer = null;
    function choose(item) {
      var label = document.createElement("label");
      label.className = "chip";
      var box = document.createElement("input");
      box.type = "checkbox";
      box.name = field + "[]";
      box.value = item.address;
      box.checked = true;
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + item.label));
      chips.appendChild(label);
      input.value = "";
      results.textContent = "";
      input.focus();
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length === 0 || /[,，、;；]/.test(q)) { results.textContent = ""; return; }
      timer = setTimeout(function () {
        fetch("/mail/recipients?q=" + encodeURIComponent(q), { credentials: "same-origin", headers: { "Accept": "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { items: [] }; })
          .then(function (data) {
            results.textContent = "";
            data.items.filter(function (item) { return !peopleOnly || item.kind === "person"; }).forEach(function (item) {
              var button = document.createElement("button");
              button.type = "button";
              button.className = "btn";
              button.textContent = item.label + (item.detail ? " · " + item.detail : "");
              button.addEventListener("click", function () { choose(item); });
              results.appendChild(button);
            });
          });
      }, 250);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        var first = results.querySelector("button");
        if (first) { event.preventDefault(); first.click(); }
      }
    });
  });
});
document.addEventListener("DOMContentLoaded", function () {
  // 批示 by hand: strokes drawn on the canvas (mouse, pen or finger) go into the hidden field named by
  // data-handwriting as JSON — [[[x, y], …], …] in the canvas's own coordinates, which the server checks and draws.
  document.querySelectorAll("canvas[data-handwriting]").forEach(function (canvas) {
    var field = document.getElementById(canvas.getAttribute("data-handwriting"));
    if (!field) { return; }
    var context = canvas.getContext("2d");
    var strokes = [];
    var current = null;
    var points = 0;
    context.lineWidth = 3;
    context.lineCap = "round";
    context.lineJoin = "round";
    context.strokeStyle = "#1a1a1a";
    function point(event) {
      var box = canvas.getBoundingClientRect();
      var x = (event.clientX - box.left) * canvas.width / box.width;
      var y = (event.clientY - box.top) * canvas.height / box.height;
      return [Math.round(Math.min(Math.max(x, 0), canvas.width) * 10) / 10, Math.round(Math.min(Math.max(y, 0), canvas.height) * 10) / 10];
    }
    function save() { field.value = strokes.length ? JSON.stringify(strokes) : ""; }
    canvas.addEventListener("pointerdown", function (event) {
      if (strokes.length >= 200 || points >= 5000) { return; }
      event.preventDefault();
      canvas.setPointerCapture(event.pointerId);
      current = [point(event)];
      points += 1;
      strokes.push(current);
      context.beginPath();
      context.moveTo(current[0][0], current[0][1]);
      context.lineTo(current[0][0] + 0.1, current[0][1]);
      context.stroke();
    });
    canvas.addEventListener("pointermove", function (event) {
      if (!current || points >= 5000) { return; }
      event.preventDefault();
      var last = current[current.length - 1];
      var next = point(event);
      if (Math.abs(next[0] - last[0]) + Math.abs(next[1] - last[1]) < 1.5) { return; }
      current.push(next);
      points += 1;
      context.beginPath();
      context.moveTo(last[0], last[1]);
      context.lineTo(next[0], next[1]);
      context.stroke();
    });
    function end() { if (current) { current = null; save(); } }
    canvas.addEventListener("pointerup", end);
    canvas.addEventListener("pointercancel", end);
    document.querySelectorAll("[data-handwriting-clear=\"" + canvas.id + "\"]").forEach(function (button) {
      button.addEventListener("click", function () {
        strokes = [];
        points = 0;
        current = null;
        context.clearRect(0, 0, canvas.width, canvas.height);
        save();
      });
    });
  });
});
