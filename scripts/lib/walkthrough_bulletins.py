"""The 刊物 part of the walkthrough, two functions the lead calls after the 信息报送 part:

- compose_and_publish(walk): 黄磊 (信息编辑 of 市政府办公室) opens a new issue of 《江北政务信息》, takes adopted 信息 from the
  picker (before 信息报送 is merged there are none: he types two items in), adds a 按语 to one, moves the other up, chooses
  陈志强 and 刘文华 as readers with the 报/送/发 lines and 送审; 王建国 approves it in 待办; the issue is published as the
  next 期 (the demo has published two). Screenshots: bulletins-issue.png, bulletins-print.png.
- leader_reads(walk): 陈志强 opens 信息专供 on a 375 px phone (the new issue first, unread), reads it, opens 批示 on its first
  item, writes by hand on the canvas (mouse strokes through the browser's input events) and sends it; the issue shows the
  handwriting. Screenshots: bulletins-reading-phone.png, bulletins-instruction-phone.png.

Each takes the Walkthrough object (walk.b, walk.base, walk.login, walk.shot) and optionally the caller's WalkError and log;
each returns a list of failures. Run alone against a running demo:
    python3 scripts/lib/walkthrough_bulletins.py http://127.0.0.1:8163 /tmp/bulletins-walk
"""
import json
import os
import re
import sys
import time

BULLETIN = "江北政务信息"
EDITOR = ("huangl", "黄磊")
APPROVER = ("wangjg", "王建国")
LEADER = ("chenzq", "陈志强")
READERS = ["陈志强", "刘文华"]
TYPED = [("全市冬季安全生产检查有序推进", "市应急管理局组织10个检查组，对全市危化品、燃气、消防重点单位开展检查。\n共排查企业218家，整改隐患305处。", "市应急管理局"),
         ("柳林区“15分钟便民生活圈”覆盖八成社区", "柳林区新建社区便民服务点26个，覆盖全区80%的社区。", "柳林区人民政府")]
NOTE = "安全生产责任重于泰山，各地要举一反三，抓好冬季安全防范。"
REPORT_TO, SEND_TO, DISTRIBUTE_TO = "市委、市人大常委会、市政协", "各县（区）人民政府，市政府各部门", "市政府办公室各科室"
ISSUE_PATH = r"/bulletin-issues/[0-9A-Fa-f-]+"
PHONE = (375, 812)
DESKTOP = (1366, 900)
S = {  # Strings.Bulletins, as the pages show them
    "created": "已新建一期（草稿）。",
    "added": "稿件已加入本期。",
    "saved": "已保存。",
    "submitted": "已送审，审批同意后即发布。",
    "instructed": "批示已送达编辑和报送单位。",
}


def _tools(WalkError, log):  # noqa: N803 - the caller's exception class
    main = sys.modules.get("__main__")
    return (WalkError or getattr(main, "WalkError", RuntimeError)), (log or getattr(main, "log", print))


def compose_and_publish(walk, WalkError=None, log=None):  # noqa: N803
    WalkError, log = _tools(WalkError, log)
    b, base = walk.b, walk.base
    failures = []
    b.resize(*DESKTOP)
    walk.login(*EDITOR)
    b.goto(base + "/bulletins", "open 刊物")
    published_before = b.js(f"""const s = Array.from(document.querySelectorAll("section.bulletin-entry")).find((e) => e.querySelector("h2").textContent.includes({json.dumps(BULLETIN)}));
                               if (!s) throw new Error("没有刊物《{BULLETIN}》");
                               return Array.from(s.querySelectorAll("ul.bulletin-issues li > a")).filter((a) => /第\\d+期/.test(a.textContent)).length;""",
                            "count the published issues")
    b.act(f"""const s = Array.from(document.querySelectorAll("section.bulletin-entry")).find((e) => e.querySelector("h2").textContent.includes({json.dumps(BULLETIN)}));
              const f = s.querySelector("form[action$=\\"/issues\\"]"); if (!f) throw new Error("《{BULLETIN}》没有“新建一期”");
              f.querySelector("button").click();""", f"{EDITOR[1]}: 新建一期", flash=S["created"], path=ISSUE_PATH)
    walk.bulletin_issue_url = b.url().split("#")[0]
    log(f"  {EDITOR[1]} opened a draft at {walk.bulletin_issue_url}")

    # Items: the adopted 信息 the picker offers (after the merge), else typed ones.
    adopted = b.js('return document.querySelectorAll("ul.bulletin-adopted li form").length;')
    if adopted:
        for _ in range(min(2, adopted)):
            b.act('need("ul.bulletin-adopted li form button").click();', f"{EDITOR[1]}: 选用 an adopted 信息", flash=S["added"])
        log(f"  {EDITOR[1]} took {min(2, adopted)} adopted 信息 from the picker")
    else:
        for title, body, source in TYPED:
            b.act(f"""need("details.action:has(form[action$=\\"/items\\"])").open = true;
                      setValue("#title", {json.dumps(title)}); setValue("#body", {json.dumps(body)}); setValue("#sourceUnitName", {json.dumps(source)});
                      submitButton("form[action$=\\"/items\\"]");""", f"{EDITOR[1]}: add 「{title}」 by hand", flash=S["added"])
        log(f"  {EDITOR[1]} typed in {len(TYPED)} items (no adopted 信息 yet)")
    titles = b.js('return Array.from(document.querySelectorAll("section.bulletin-item h2")).map((h) => h.textContent.trim());')
    if len(titles) < 2:
        raise WalkError(f"the draft has {len(titles)} items after adding two: {titles}")
    # 按语 on the second item, then move it up.
    b.act(f"""const s = document.querySelectorAll("section.bulletin-item")[1]; s.querySelector("details").open = true;
              const f = s.querySelector("details form"); f.querySelector("textarea[name=note]").value = {json.dumps(NOTE)};
              f.querySelector("button[type=submit]").click();""", f"{EDITOR[1]}: 按语 on 「{titles[1]}」", flash=S["saved"])
    b.act("""const s = document.querySelectorAll("section.bulletin-item")[1];
             const f = Array.from(s.querySelectorAll(".toolbar form")).find((f) => f.querySelector("input[name=direction][value=up]"));
             f.querySelector("button").click();""", f"{EDITOR[1]}: move 「{titles[1]}」 up", flash=S["saved"])
    order = b.js('return Array.from(document.querySelectorAll("section.bulletin-item h2")).map((h) => h.textContent.trim());')
    if order[0] != titles[1]:
        failures.append(f"after 上移 the first item is 「{order[0]}」, expected 「{titles[1]}」")
    if NOTE not in (b.js('return text("section.bulletin-item .bulletin-note");') or ""):
        failures.append("the 按语 is not shown before the first item")
    # Readers and the footer.
    b.act(f"""need("details.action:has(#readerPeople)").open = true;
              const people = need("#readerPeople"); const wanted = {json.dumps(READERS)};
              Array.from(people.options).forEach((o) => {{ o.selected = wanted.some((w) => o.textContent.trim().startsWith(w + "（")); }});
              if (Array.from(people.selectedOptions).length !== wanted.length) throw new Error("阅读对象中找不到 " + wanted.join("、"));
              setValue("#reportTo", {json.dumps(REPORT_TO)}); setValue("#sendTo", {json.dumps(SEND_TO)}); setValue("#distributeTo", {json.dumps(DISTRIBUTE_TO)});
              setValue("#copies", "80");
              submitButton("form:has(#readerPeople)");""", f"{EDITOR[1]}: readers {READERS} and 报/送/发", flash=S["saved"])
    walk.shot("bulletins-issue.png")
    b.act('submitButton("form[action$=\\"/submit\\"]");', f"{EDITOR[1]}: 送审", flash=S["submitted"])

    # 王建国 approves in 待办.
    walk.login(*APPROVER)
    b.goto(base + "/tasks", "open 待办")
    b.act(f"""const a = Array.from(document.querySelectorAll("table.tasks tbody tr td a")).find((a) => a.textContent.trim() === {json.dumps(BULLETIN + "审批")});
              if (!a) throw new Error("待办中没有「{BULLETIN}审批」"); a.click();""", f"{APPROVER[1]}: open the approval task", path=r"/tasks/[0-9A-Fa-f-]+")
    if b.js('return !!document.querySelector("form[action$=\\"/claim\\"]");'):
        b.act('submitButton("form[action$=\\"/claim\\"]");', f"{APPROVER[1]}: claim the task", flash="已认领。")
    panel = b.js('return text(".bulletin-panel") || "";')
    if NOTE[:6] not in panel:
        failures.append(f"the approval task does not show the issue with its 按语 (panel: 「{panel[:80]}」)")
    b.act("""need("form#complete input[name=outcome][value=approve]").click(); setValue("form#complete #opinion", "同意印发。");
             submitButton("form#complete");""", f"{APPROVER[1]}: 同意")

    walk.login(*EDITOR)
    b.goto(walk.bulletin_issue_url, "open the published issue")
    number = b.js('return text(".notice-meta");') or ""
    expected = f"第{published_before + 1}期"
    if expected not in number:
        failures.append(f"the published issue says 「{number}」, expected {expected}")
    log(f"  published: {number}")
    b.resize(1000, DESKTOP[1])
    b.goto(walk.bulletin_issue_url + "/print", "open 版式预览")
    walk.shot("bulletins-print.png", full_width=1000)
    page_text = b.js("return document.body.textContent;") or ""
    for needle in [BULLETIN, expected, "江北市人民政府办公室编", "报：" + REPORT_TO, "（共印80份）"]:
        if needle not in page_text:
            failures.append(f"the print view lacks 「{needle}」")
    b.resize(*DESKTOP)
    # Back on a page of the application (the print view has no 退出 for the next part's sign-in).
    b.goto(walk.bulletin_issue_url, "back to the issue")
    return failures


def _draw(b, selector, strokes):
    """Mouse strokes on the canvas through the browser's input events: each stroke's points in canvas fractions."""
    box = b.js(f'const r = need({json.dumps(selector)}).getBoundingClientRect(); need({json.dumps(selector)}).scrollIntoView({{block: "center"}});'
               f' const q = need({json.dumps(selector)}).getBoundingClientRect(); return {{x: q.left, y: q.top, w: q.width, h: q.height}};')
    for stroke in strokes:
        points = [(box["x"] + fx * box["w"], box["y"] + fy * box["h"]) for fx, fy in stroke]
        x, y = points[0]
        b.cdp.call("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)
        b.cdp.call("Input.dispatchMouseEvent", type="mousePressed", x=x, y=y, button="left", buttons=1, clickCount=1)
        for (x0, y0), (x1, y1) in zip(points, points[1:]):
            for step in range(1, 9):
                b.cdp.call("Input.dispatchMouseEvent", type="mouseMoved", x=x0 + (x1 - x0) * step / 8, y=y0 + (y1 - y0) * step / 8,
                           button="left", buttons=1)
        x, y = points[-1]
        b.cdp.call("Input.dispatchMouseEvent", type="mouseReleased", x=x, y=y, button="left", buttons=0, clickCount=1)
        time.sleep(0.05)


def leader_reads(walk, WalkError=None, log=None):  # noqa: N803
    WalkError, log = _tools(WalkError, log)
    b, base = walk.b, walk.base
    failures = []
    b.resize(*DESKTOP)
    walk.login(*LEADER)
    b.resize(*PHONE)
    b.goto(base + "/reading", "open 信息专供")
    first = b.js('const li = document.querySelector("ul.reading-list li"); return li ? {title: li.querySelector("a").textContent.trim(), unread: !!li.querySelector(".tag-new"), href: li.querySelector("a").getAttribute("href")} : null;')
    if not first:
        raise WalkError(f"{LEADER[1]}'s 信息专供 is empty")
    if not first["unread"]:
        failures.append(f"the first line of 信息专供 「{first['title']}」 is not marked new (unread first)")
    issue_url = getattr(walk, "bulletin_issue_url", None)
    if issue_url and not issue_url.endswith(first["href"]):
        failures.append(f"the first line of 信息专供 leads to {first['href']}, not the issue just published ({issue_url})")
    walk.shot("bulletins-reading-phone.png")
    b.act('need("ul.reading-list li a").click();', f"{LEADER[1]}: read 「{first['title']}」", path=ISSUE_PATH)
    issue_url = b.url().split("#")[0]
    b.goto(base + "/reading", "open 信息专供 again")
    if b.js('const li = document.querySelector("ul.reading-list li"); return !!(li && li.querySelector(".tag-new") && li.querySelector("a").getAttribute("href") === ' + json.dumps(first["href"]) + ');'):
        failures.append("the issue is still marked new after reading it")
    b.goto(issue_url, "open the issue again")
    b.act('need("section.bulletin-item a.btn-primary[href$=\\"/instruct\\"]").click();', f"{LEADER[1]}: 批示", path=r"/bulletin-items/[0-9A-Fa-f-]+/instruct")
    # 阅 and a tick, by hand.
    _draw(b, "canvas[data-handwriting]", [[(0.10, 0.25), (0.10, 0.75)], [(0.05, 0.35), (0.20, 0.32)], [(0.18, 0.22), (0.18, 0.78), (0.30, 0.78)],
                                          [(0.45, 0.50), (0.52, 0.68), (0.72, 0.22)]])
    strokes = b.js('return need("#strokes").value;')
    try:
        drawn = json.loads(strokes)
    except ValueError:
        drawn = []
    if len(drawn) != 4:
        raise WalkError(f"the canvas recorded {len(drawn)} strokes after drawing 4 (field: {strokes[:80]!r})")
    walk.shot("bulletins-instruct-phone.png")
    b.act('submitButton("form[data-handwriting-form]");', f"{LEADER[1]}: send the handwritten 批示", flash=S["instructed"], path=ISSUE_PATH)
    paths = b.js('return Array.from(document.querySelectorAll(".instruction-handwriting svg path")).map((p) => p.getAttribute("d"));')
    if not paths or not any(re.fullmatch(r"[MLl0-9. -]+", d or "") and d.count("M") == 4 for d in paths):
        failures.append(f"the issue does not show the 4-stroke handwriting as an SVG path (paths: {paths})")
    b.js('const h = document.querySelector(".instruction-handwriting"); if (h) h.scrollIntoView({block: "center"}); return true;')
    walk.shot("bulletins-instruction-phone.png")
    log(f"  {LEADER[1]} wrote a 批示 by hand ({sum(len(s) for s in drawn)} points)")
    b.resize(*DESKTOP)
    return failures


if __name__ == "__main__":
    # Alone, against a running demo: python3 walkthrough_bulletins.py BASE_URL OUTDIR
    import tempfile
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import walkthrough as w  # noqa: E402
    base, outdir = sys.argv[1], sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    profile = tempfile.mkdtemp(prefix="bulletins-walk.")
    browser = w.Browser(profile)
    browser.start()
    try:
        walk = w.Walkthrough(browser, base, outdir)
        problems = compose_and_publish(walk, w.WalkError, w.log) + leader_reads(walk, w.WalkError, w.log)
    except Exception:
        try:
            browser.capture(os.path.join(outdir, "failure.png"))
        finally:
            browser.stop()
        raise
    browser.stop()
    if problems:
        raise SystemExit("checks failed:\n  - " + "\n  - ".join(problems))
    w.log(f"bulletins part passed; screenshots in {outdir}")
