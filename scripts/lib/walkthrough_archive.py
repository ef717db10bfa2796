"""The archive part of the walkthrough: 钱芳 files the dispatched 通知 from 待归档 and looks at the catalogue and the
stamped first page; then 赵敏 finds it with the top bar's search box. Screenshots: archive.png (档案目录),
archive-stamp.png (盖章正本, the first page), search.png (查找 results)."""
import json
import re
import time


def run(walk, title, WalkError, log):  # noqa: N803 - the caller's exception class
    b, base = walk.b, walk.base
    failures = []
    walk.login("qianf", "钱芳")
    b.goto(base + "/archive/pending", "钱芳: open 待归档")
    b.act(f"""const row = Array.from(document.querySelectorAll("table.pending tbody tr")).find((r) => r.textContent.includes({json.dumps(title)}));
              if (!row) throw new Error("待归档中没有这份通知");
              const form = row.querySelector("form.filing"); form.querySelector("button").click();""",
          "钱芳: 归档", flash="已归档。", path=r"/archive/items/[0-9A-Fa-f-]+")
    code = b.js('const dt = Array.from(document.querySelectorAll("dl.facts dt")).find((d) => d.textContent.trim() === "档号"); return dt ? dt.nextElementSibling.textContent.trim() : null;')
    if not code or not re.fullmatch(r"JB-ZFB-WS·\d{4}-(Y|D30|D10)-\d+-\d{4}", code):
        failures.append(f"the archive item shows 档号 「{code}」")
    item_url = b.url()
    b.goto(base + "/archive", "钱芳: open 档案目录")
    walk.shot("archive.png")
    if code and code not in (b.js('return text("table.archive") || "";') or ""):
        failures.append(f"the catalogue does not list {code}")
    b.goto(item_url, "钱芳: back to the item")
    b.act("""const a = Array.from(document.querySelectorAll("a")).find((a) => a.textContent.trim() === "查看盖章正本");
             if (!a) throw new Error("没有「查看盖章正本」"); a.click();""", "钱芳: open the stamped copy")
    b.resize(walk.print_width, walk.desktop[1])
    walk.shot("archive-stamp.png", full_width=walk.print_width)
    b.resize(*walk.desktop)
    number = code.rsplit("-", 1)[-1] if code else None
    stamp = b.js('return Array.from(document.querySelectorAll("text")).map((t) => t.textContent).join("|");') or ""
    if number and f"|{number}|" not in f"|{stamp}|":
        failures.append(f"the stamped copy does not show 件号 {number}")
    log(f"  filed as {code}")

    # 赵敏 finds the notice by two characters of its body; the index follows changes within a second or two.
    b.goto(item_url, "钱芳: back from the print view")
    walk.login("zhaom", "赵敏")
    for attempt in range(10):
        b.act('const f = need("form.topsearch"); f.querySelector("input[name=q]").value = "带班"; f.submit();', "赵敏: 查找 带班",
              path=r"/search\?q=.*")
        hits = b.js('return Array.from(document.querySelectorAll(".search-results .result-title")).map((a) => a.textContent.trim());') or []
        if title in hits:
            break
        time.sleep(1)
    else:
        failures.append(f"searching 带班 does not find 「{title}」 (found {hits})")
    walk.shot("search.png")
    marks = b.js('return document.querySelectorAll(".search-results mark").length;')
    if not marks:
        failures.append("the search results highlight nothing")
    return failures
