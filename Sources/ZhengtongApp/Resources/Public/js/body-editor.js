// 正文 editor helpers: buttons that start the current paragraph with the next heading number of a level
// (一、 （一） 1. （1）, counted from the paragraphs above as GB/T 9704 numbers them), and an outline of the
// headings typed so far. The text stays plain in the textarea: the server reads the levels from it.
"use strict";

(function () {
  var numerals = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

  function chinese(n) {
    if (n < 10) { return numerals[n]; }
    if (n < 20) { return "十" + (n % 10 ? numerals[n % 10] : ""); }
    return numerals[Math.floor(n / 10)] + "十" + (n % 10 ? numerals[n % 10] : "");
  }

  function prefix(level, n) {
    if (level === 1) { return chinese(n) + "、"; }
    if (level === 2) { return "（" + chinese(n) + "）"; }
    if (level === 3) { return n + "."; }
    return "（" + n + "）";
  }

  // The heading level a paragraph starts with (0 for text) and the length of its number, as the server reads them.
  var patterns = [
    null,
    /^[一二三四五六七八九十百零]+、/,
    /^[（(][一二三四五六七八九十百零]+[）)]/,
    /^[0-9０-９]{1,3}[.．]/,
    /^[（(][0-9０-９]{1,3}[）)]/
  ];

  function level(paragraph) {
    var text = paragraph.replace(/^[\s\u3000]+/, "");
    for (var l = 1; l <= 4; l++) {
      var match = patterns[l].exec(text);
      if (match) { return { level: l, length: match[0].length + (paragraph.length - text.length) }; }
    }
    return { level: 0, length: 0 };
  }

  function paragraphs(value) {
    var list = [];
    var re = /\n[ \t\u3000]*\n/g;
    var start = 0;
    var match;
    while ((match = re.exec(value)) !== null) {
      list.push({ start: start, end: match.index });
      start = re.lastIndex;
    }
    list.push({ start: start, end: value.length });
    return list;
  }

  // The number the paragraph at `index` takes at `wanted` level: one more than the last heading of that
  // level since the last heading of a higher level.
  function nextNumber(value, list, index, wanted) {
    var n = 0;
    for (var i = 0; i < index; i++) {
      var l = level(value.slice(list[i].start, list[i].end)).level;
      if (l === wanted) { n += 1; } else if (l > 0 && l < wanted) { n = 0; }
    }
    return n + 1;
  }

  function outline(textarea, list) {
    var target = document.querySelector("[data-outline-for='" + textarea.id + "']");
    if (!target) { return; }
    while (target.firstChild) { target.removeChild(target.firstChild); }
    var value = textarea.value;
    (list || paragraphs(value)).forEach(function (range) {
      var text = value.slice(range.start, range.end).trim();
      var l = level(text).level;
      if (l === 0) { return; }
      var item = document.createElement("li");
      item.className = "level-" + l;
      item.textContent = text.split(/[。\n]/)[0].slice(0, 40);
      target.appendChild(item);
    });
    target.hidden = !target.firstChild;
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-heading-toolbar]").forEach(function (toolbar) {
      var textarea = document.getElementById(toolbar.getAttribute("data-heading-toolbar"));
      if (!textarea) { return; }
      toolbar.hidden = false;
      toolbar.querySelectorAll("button[data-level]").forEach(function (button) {
        button.addEventListener("click", function () {
          var wanted = Number(button.getAttribute("data-level"));
          var value = textarea.value;
          var list = paragraphs(value);
          var caret = textarea.selectionStart;
          var index = list.findIndex(function (range) { return caret <= range.end; });
          if (index < 0) { index = list.length - 1; }
          var range = list[index];
          var current = level(value.slice(range.start, range.end));
          var number = prefix(wanted, nextNumber(value, list, index, wanted));
          textarea.focus();
          textarea.setRangeText(number, range.start, range.start + current.length, "end");
          outline(textarea);
        });
      });
      textarea.addEventListener("input", function () { outline(textarea); });
      outline(textarea);
    });
  });
})();
