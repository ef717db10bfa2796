"""The 督查督办 part of the walkthrough: a 收文 of 市政府办公室 gets 王建国's 批示 (赵敏 registers a paper one with its scan,
登记 and 初审; 孙丽 拟办 choosing 王建国; 王建国 批办 to 督查科), and 马骏 of the 督查室 opens a 督办事项 from it with 清河县 and
柳林区 as 主办 (refused once without a 主办, keeping what was typed). 邓华 (清河县) finds it under 待我办理 and splits it to
县财政局 and 县教育局; 高原 reports on his part and 邓华 accepts it; 邓华 and 冯晓宇 report on the city's item, 马骏 returns
one and accepts the other; 邓华 asks for 延期 and 刘文华 grants it on a phone; the board shows the demo's overdue item in
red; the sub-items are closed (one 办结, one 终止), the item is 办结, 评价 and reported in a 督查通报 sent on as a 发文 draft;
邱岩 of 东山县 gets 404 on the item. Screenshots: supervision-new.png, supervision-leader-phone.png, supervision-board.png,
supervision-item.png, supervision-bulletin.png."""
import datetime
import json
import os
import tempfile

INCOMING_TITLE = "关于加快推进城镇老旧小区改造的报告"
INCOMING_SENDER = "江北市住房和城乡建设局"
CHECK_OPINION = "属我办办理。"
PROPOSAL = "拟请督查科督办。"
INSTRUCTION = "请督查科立项督办，清河县、柳林区年底前完成改造项目开工。"
TITLE = "推进城镇老旧小区改造项目开工"
REQUIREMENTS = "年底前完成改造项目开工，按月报送进展。"
LEADS = ["清河县人民政府", "柳林区人民政府"]
FUNDS = "落实老旧小区改造配套资金"
SCHOOLS = "改造小区周边学校安全排查"
FUNDS_REPORT = "配套资金已列入县级预算。"
QH_REPORT = "已确定改造小区12个。"
LL_REPORT = "已排查8个小区，改造方案正在征求居民意见。"
RETURN_REASON = "请补充开工时间表。"
EXTENSION_REASON = "改造方案需报省住房和城乡建设厅审查。"
OVERDUE_DEMO = "社区卫生服务中心标准化建设"  # DemoCity.seedSupervision
BULLETIN_ADDITION = "特此通报。"
ITEM_PATH = r"/supervision/[0-9A-Fa-f-]+"


def today():
    """The day in 江北市 (the pages count days in China time)."""
    return datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8))).date()


def day(days):
    return (today() + datetime.timedelta(days=days)).isoformat()


def run(walk, WalkError, log):  # noqa: N803 - the caller's exception class
    b, base = walk.b, walk.base
    failures = []

    def submit_expecting_refusal(script, what, status=422):
        """Submits a form the server should refuse: the page comes back with its error box and HTTP status."""
        b.cdp.events.clear()
        b.js(script, what)
        got = b._wait_load(what)
        info = b.js('return {error: text(".error-box"), errorPage: text(".error-page"), path: location.pathname};')
        if got != status or not info["error"] or info["errorPage"]:
            raise WalkError(f"{what}: expected HTTP {status} and the form again with its message, got HTTP {got}, 「{info['error'] or info['errorPage']}」"
                            f" ({b.url()})")
        return info["error"]

    def open_task(title, step):
        """/tasks → the row of `title` at `step` → its task page (claimed if it is a candidate task)."""
        b.goto(base + "/tasks", f"{walk.who}: open 待办")
        b.act(f"""const rows = Array.from(document.querySelectorAll("table.tasks tbody tr"));
                  const row = rows.find((r) => {{ const a = r.querySelector("td a"); const c = r.querySelectorAll("td");
                                                 return a && a.textContent.trim() === {json.dumps(title)} && c[1] && c[1].textContent.trim() === {json.dumps(step)}; }});
                  if (!row) throw new Error("待办中没有「" + {json.dumps(title)} + " / " + {json.dumps(step)} + "」；有：" +
                                            rows.map((r) => Array.from(r.querySelectorAll("td")).slice(0, 2).map((c) => c.textContent.trim()).join(" / ")).join(" | "));
                  row.querySelector("td a").click();""", f"{walk.who}: open the {step} task", path=r"/tasks/[0-9A-Fa-f-]+")
        if b.js('return !!document.querySelector("form[action$=\\"/claim\\"]");'):
            b.act('submitButton("form[action$=\\"/claim\\"]");', f"{walk.who}: claim the {step} task", flash="已认领。")
        return b.url()

    def open_from_board(title, view, who):
        """The board's `view` tab (todo or all) → the row of `title` → the item page."""
        b.goto(f"{base}/supervision?view={view}", f"{who}: open 督查督办 ({view})")
        b.act(f"""const rows = Array.from(document.querySelectorAll("table.supervision-list tbody tr"));
                  const a = rows.map((r) => r.querySelector("td a")).find((a) => a && a.textContent.trim() === {json.dumps(title)});
                  if (!a) throw new Error("督查督办（" + {json.dumps(view)} + "）中没有「" + {json.dumps(title)} + "」；有：" +
                                          rows.map((r) => {{ const a = r.querySelector("td a"); return a ? a.textContent.trim() : "?"; }}).join(" | "));
                  a.click();""", f"{who}: open 「{title}」 from the board", path=ITEM_PATH)
        return b.url()

    def open_action(summary):
        """Opens the <details> of the item page whose summary is `summary` and returns a selector for its form."""
        found = b.js(f"""const d = Array.from(document.querySelectorAll("details.action")).find((d) => d.querySelector("summary").textContent.trim() === {json.dumps(summary)});
                         if (!d) return null; d.open = true; return d.querySelector("form").getAttribute("action");""")
        if not found:
            offered = b.js('return Array.from(document.querySelectorAll("details.action summary")).map((s) => s.textContent.trim());')
            raise WalkError(f"{walk.who}: the item page offers no 「{summary}」 (offers {offered}; {b.url()})")
        return f'form[action="{found}"]'

    def facts():
        return b.js("""const out = {}; document.querySelectorAll("dl.facts dt").forEach((dt) => { out[dt.textContent.trim()] = dt.nextElementSibling.textContent.replace(/\\s+/g, " ").trim(); });
                       return out;""") or {}

    def parts():
        """The 责任单位 table: unit → {role, light class, progress, score}."""
        return b.js("""const out = {};
                       const h2 = Array.from(document.querySelectorAll("section.card h2")).find((h) => h.textContent.trim() === "责任单位");
                       if (!h2) return out;
                       h2.parentElement.querySelectorAll("tbody tr").forEach((r) => { const c = r.querySelectorAll("td");
                         out[c[0].childNodes[0].textContent.trim()] = {role: c[1].textContent.trim(), light: c[2].querySelector(".light").className,
                                                                       progress: c[3].textContent.trim(), score: c[5].textContent.trim()}; });
                       return out;""") or {}

    def report(text, progress, who):
        form = open_action("报送进展")
        b.js(f'setValue("#report-text", {json.dumps(text)}); setValue("#progress", {json.dumps(str(progress))});', f"{who}: fill 报送进展")
        b.act(f"submitButton({json.dumps(form)});", f"{who}: 报送进展", flash="进展已报送。", path=ITEM_PATH)
        shown = b.js('return text(".supervision-reports") || "";')
        if text not in shown:
            failures.append(f"{who}'s report 「{text}」 is not listed under 进展反馈 after 报送")

    def decide_report(unit, accept, who, reason=""):
        """Accepts or returns the waiting report of `unit` from the item page."""
        li = f"""const li = Array.from(document.querySelectorAll(".supervision-reports > li")).find((li) => li.querySelector("strong").textContent.trim() === {json.dumps(unit)} && li.querySelector("form"));
                 if (!li) throw new Error("进展反馈中没有{unit}待审核的反馈");"""
        if accept:
            b.act(li + 'li.querySelector("form.inline button").click();', f"{who}: 采纳 {unit}'s report", flash="反馈已采纳。", path=ITEM_PATH)
        else:
            b.act(li + f"""const f = Array.from(li.querySelectorAll("form")).find((f) => f.querySelector("input[name=accept][value=false]"));
                          const input = f.querySelector("input[name=reason]"); input.value = {json.dumps(reason)};
                          f.querySelector("button").click();""", f"{who}: 退回 {unit}'s report", flash="反馈已退回。", path=ITEM_PATH)

    # 赵敏 registers a paper 收文 with its scan.
    walk.login("zhaom", "赵敏")
    b.goto(base + "/incoming/new", "赵敏: 登记收文")
    b.js(f"""setValue("#senderName", {json.dumps(INCOMING_SENDER)}); setValue("#title", {json.dumps(INCOMING_TITLE)});
             choose("#kind", (l) => l === "报告", "报告");
             need("input[name=source][value=paper]").click();""", "赵敏: fill the registration")
    folder = tempfile.mkdtemp(prefix="zhengtong-supervision.")
    scan = os.path.join(folder, "扫描件.pdf")
    with open(scan, "wb") as f:
        f.write("%PDF-1.4\n%扫描件\n".encode("utf-8"))
    document = b.cdp.call("DOM.getDocument")
    node = b.cdp.call("DOM.querySelector", nodeId=document["root"]["nodeId"], selector="input#file[type=file]")
    if not node.get("nodeId"):
        raise WalkError("the 收文登记 page has no file input")
    b.cdp.call("DOM.setFileInputFiles", files=[scan], nodeId=node["nodeId"])
    b.act('submitButton("form.registration");', "赵敏: 登记", flash="已登记。", path=r"/incoming/[0-9A-Fa-f-]+")
    incoming_path = b.path()
    open_task(INCOMING_TITLE, "登记")
    walk.complete("登记")
    open_task(INCOMING_TITLE, "初审")
    walk.complete("初审", opinion=CHECK_OPINION, outcome="approve")

    walk.login("sunl", "孙丽")
    open_task(INCOMING_TITLE, "拟办")
    b.js('return choose("form#complete select[name=nextAssignee]", (l) => l.startsWith("王建国"), "王建国");', "孙丽: choose 王建国")
    walk.complete("拟办", opinion=PROPOSAL)

    walk.login("wangjg", "王建国")
    open_task(INCOMING_TITLE, "批办")
    b.js(f"""choose("#choice-leadDepartment", (l) => l === "督查科", "督查科");
             setValue("#choice-deadline", {json.dumps(day(30))});""", "王建国: 主办 督查科 and a deadline")
    walk.complete("批办", opinion=INSTRUCTION)
    log("  the 收文 carries 王建国's 批示 with 督查科 as 主办")

    # 马骏: 立项督办 from the 收文 page.
    walk.login("maj", "马骏")
    b.goto(base + incoming_path, "马骏: open the 收文")
    b.act("""const a = Array.from(document.querySelectorAll(".toolbar a")).find((a) => a.textContent.trim() === "立项督办");
             if (!a) throw new Error("收文页面没有「立项督办」按钮"); a.click();""", "马骏: 立项督办", path=r"/supervision/new\?incoming=[0-9A-Fa-f-]+")
    card = b.js('const c = document.querySelector("form.supervision-form .card"); return c ? c.textContent.replace(/\\s+/g, " ") : "";') or ""
    if INSTRUCTION not in card or INCOMING_TITLE not in card:
        failures.append(f"the 立项 form does not show the 收文 and its 批示: 「{card.strip()}」")
    deadline = day(60)
    leader = b.js(f"""setValue("#title", {json.dumps(TITLE)}); setValue("#requirements", {json.dumps(REQUIREMENTS)});
                      setValue("#deadline", {json.dumps(deadline)});
                      choose("#cycle", (l) => l === "每月", "每月");
                      if (need("#category").value !== "leaderInstruction") throw new Error("督办类别不是领导批示件：" + need("#category").value);
                      return choose("#leader", (l) => l.startsWith("刘文华"), "刘文华");""", "马骏: fill the 立项 form without 主办")
    log(f"  责任领导 {leader}")
    refusal = submit_expecting_refusal('submitButton("form.supervision-form");', "马骏: 立项 without 主办")
    kept = b.js("""return {title: need("#title").value, requirements: need("#requirements").value, deadline: need("#deadline").value,
                           leader: need("#leader").selectedOptions[0].textContent.trim(), cycle: need("#cycle").value,
                           fieldError: text("#leadUnits ~ .field-error"), card: text("form.supervision-form .card")};""")
    if kept["fieldError"] != "请至少选择一个主办单位。":
        failures.append(f"the refused 立项 form says 「{refusal}」 / 「{kept['fieldError']}」 under 主办单位, expected 请至少选择一个主办单位。")
    if (kept["title"], kept["requirements"], kept["deadline"], kept["cycle"]) != (TITLE, REQUIREMENTS, deadline, "monthly") or not kept["leader"].startswith("刘文华"):
        failures.append(f"the refused 立项 form lost what was typed: {kept}")
    if INSTRUCTION not in (kept["card"] or ""):
        failures.append("the refused 立项 form no longer shows the 批示")
    b.js(f"""const wanted = {json.dumps(LEADS)}; const s = need("#leadUnits"); let picked = 0;
             Array.from(s.options).forEach((o) => {{ o.selected = wanted.includes(o.textContent.trim()); if (o.selected) picked++; }});
             if (picked !== wanted.length) throw new Error("主办单位中缺少 " + wanted.join("、"));""", "马骏: choose the 主办 units")
    walk.shot("supervision-new.png")
    b.act('submitButton("form.supervision-form");', "马骏: 立项", flash="已立项，责任单位已收到通知。", path=ITEM_PATH)
    item_path = b.path()
    item_url = base + item_path
    shown = facts()
    if shown.get("领导批示") != INSTRUCTION or not (shown.get("来源") or "").startswith("领导批示（收文）"):
        failures.append(f"the new item does not show its 来源 and 批示: {shown}")
    if shown.get("办结时限") != deadline or shown.get("责任领导") != "刘文华":
        failures.append(f"the new item shows 办结时限 「{shown.get('办结时限')}」 and 责任领导 「{shown.get('责任领导')}」, expected {deadline} and 刘文华")
    if sorted(parts()) != sorted(LEADS):
        failures.append(f"the new item's 责任单位 are {list(parts())}, expected {LEADS}")
    log(f"  马骏 opened {item_path}")

    # 邓华 (清河县): 待我办理, 分解 to two bureaus.
    walk.login("dengh", "邓华")
    open_from_board(TITLE, "todo", "邓华")
    if b.path() != item_path:
        failures.append(f"邓华's 待我办理 link leads to {b.path()}, expected {item_path}")
    for title, unit in [(FUNDS, "清河县财政局"), (SCHOOLS, "清河县教育局")]:
        form = open_action("分解子事项")
        b.js(f"""setValue("#child-title", {json.dumps(title)}); choose("#child-target", (l) => l === {json.dumps(unit)}, {json.dumps(unit)});
                 setValue("#child-deadline", {json.dumps(day(40))});""", f"邓华: 分解 to {unit}")
        b.act(f"submitButton({json.dumps(form)});", f"邓华: 分解子事项 to {unit}", flash="子事项已分解。", path=ITEM_PATH)
    children = b.js("""const h2 = Array.from(document.querySelectorAll("section.card h2")).find((h) => h.textContent.trim() === "子事项");
                       return h2 ? Array.from(h2.parentElement.querySelectorAll("tbody tr")).map((r) => r.textContent.replace(/\\s+/g, " ").trim()) : [];""") or []
    if len(children) != 2 or not all(any(t in row and u in row for row in children) for t, u in [(FUNDS, "清河县财政局"), (SCHOOLS, "清河县教育局")]):
        failures.append(f"the item's 子事项 are {children}, expected {FUNDS} (清河县财政局) and {SCHOOLS} (清河县教育局)")

    # 高原 (县财政局) reports on his part; 邓华 accepts it.
    walk.login("gaoy", "高原")
    funds_url = open_from_board(FUNDS, "todo", "高原")
    report(FUNDS_REPORT, 60, "高原")
    walk.login("dengh", "邓华")
    b.goto(funds_url, "邓华: open the 财政局 sub-item")
    decide_report("清河县财政局", True, "邓华")

    # 邓华 and 冯晓宇 report on the city's item; 马骏 returns the one and accepts the other.
    b.goto(item_url, "邓华: open the item")
    report(QH_REPORT, 40, "邓华")
    walk.login("fengxy", "冯晓宇")
    open_from_board(TITLE, "todo", "冯晓宇")
    report(LL_REPORT, 30, "冯晓宇")
    walk.login("maj", "马骏")
    b.goto(item_url, "马骏: open the item")
    decide_report("清河县人民政府", False, "马骏", RETURN_REASON)
    decide_report("柳林区人民政府", True, "马骏")
    states = b.js("""return Array.from(document.querySelectorAll(".supervision-reports > li")).map((li) =>
                       [li.querySelector("strong").textContent.trim(), li.querySelector(".tag").textContent.trim(), li.textContent]);""") or []
    if not any(u == "清河县人民政府" and s == "已退回" and RETURN_REASON in t for u, s, t in states):
        failures.append(f"清河县's report is not shown as 已退回 with the reason: {states}")
    if not any(u == "柳林区人民政府" and s == "已采纳" for u, s, _ in states):
        failures.append(f"柳林区's report is not shown as 已采纳: {states}")

    # 延期: 邓华 asks, 刘文华 grants it on his phone.
    walk.login("dengh", "邓华")
    b.goto(item_url, "邓华: open the item")
    extended = day(75)
    form = open_action("申请延期")
    b.js(f'setValue("#ext-deadline", {json.dumps(extended)}); setValue("#ext-why", {json.dumps(EXTENSION_REASON)});', "邓华: fill 申请延期")
    b.act(f"submitButton({json.dumps(form)});", "邓华: 申请延期", flash="延期申请已提交。", path=ITEM_PATH)
    walk.login("liuwh", "刘文华")
    b.resize(*walk.phone)
    b.goto(item_url, "刘文华: open the item on a phone")
    pending = b.js("""const h2 = Array.from(document.querySelectorAll("section.card h2")).find((h) => h.textContent.trim() === "延期申请");
                      return h2 ? h2.parentElement.textContent.replace(/\\s+/g, " ") : "";""") or ""
    if EXTENSION_REASON not in pending or extended not in pending or "待审批" not in pending:
        failures.append(f"刘文华 does not see 邓华's pending 延期 request: 「{pending.strip()}」")
    wide = b.js("return document.documentElement.scrollWidth;")
    if wide and wide > walk.phone[0]:
        failures.append(f"the item page is {wide} px wide on a {walk.phone[0]} px phone (it scrolls sideways)")
    b.js('document.querySelector("form[action*=\\"/extension/\\"] button[value=true]").scrollIntoView({block: "center"});')
    walk.shot("supervision-leader-phone.png")
    b.act('const f = need("form[action*=\\"/extension/\\"]"); setValue("#ext-reason", "同意。"); f.querySelector("button[value=true]").click();',
          "刘文华: 同意延期", flash="已同意延期。", path=ITEM_PATH)
    if facts().get("办结时限") != extended:
        failures.append(f"after 同意延期 the item shows 办结时限 「{facts().get('办结时限')}」, expected {extended}")
    b.resize(*walk.desktop)

    # The board: the demo's item with a missed report is red under 逾期.
    walk.login("maj", "马骏")
    b.goto(base + "/supervision?view=all", "马骏: 督查督办 全部事项")
    walk.shot("supervision-board.png")
    rows = b.js("""return Array.from(document.querySelectorAll("table.supervision-list tbody tr")).map((r) => ({
                     title: r.querySelector("td a") ? r.querySelector("td a").textContent.trim() : "", row: r.className,
                     light: r.querySelector(".light") ? r.querySelector(".light").className : "", label: text("td .light") && r.querySelector(".light").textContent.trim()}));""") or []
    overdue = [r for r in rows if "light-overdue" in r["light"]]
    if not overdue:
        failures.append(f"the board shows no 逾期 (light-overdue) row; rows: {[(r['title'], r['light']) for r in rows]}")
    clinic = next((r for r in rows if r["title"] == OVERDUE_DEMO), None)
    if not clinic or "light-overdue" not in clinic["light"] or clinic["label"] != "逾期":
        failures.append(f"the demo's 「{OVERDUE_DEMO}」 is not red under 逾期 on the board: {clinic}")
    if not any(r["title"] == TITLE for r in rows):
        failures.append("马骏's board (全部事项) does not list the new item")
    log(f"  board: {len(rows)} rows, {len(overdue)} 逾期")

    # 办结: the sub-items first (财政局's done, 教育局's stopped), then the city's item.
    walk.login("gaoy", "高原")
    b.goto(funds_url, "高原: open his sub-item")
    form = open_action("申请办结")
    b.js('setValue("#summary", "配套资金已拨付到位。");', "高原: fill 申请办结")
    b.act(f"submitButton({json.dumps(form)});", "高原: 申请办结", flash="办结申请已提交，等待督查室审核。", path=ITEM_PATH)
    walk.login("dengh", "邓华")
    b.goto(funds_url, "邓华: open the 财政局 sub-item")
    b.act('const f = need("form[action$=\\"/completion/decision\\"]"); f.querySelector("button[value=true]").click();', "邓华: 同意办结 the sub-item",
          flash="已审核办结。", path=ITEM_PATH)
    b.goto(item_url, "邓华: open the item")
    b.act(f"""const a = Array.from(document.querySelectorAll("section.card a")).find((a) => a.textContent.trim() === {json.dumps(SCHOOLS)});
              if (!a) throw new Error("子事项中没有{SCHOOLS}"); a.click();""", "邓华: open the 教育局 sub-item", path=ITEM_PATH)
    form = open_action("终止或撤销")
    b.js('need("input[name=how][value=terminate]").click(); setValue("#close-reason", "并入全县排查。");', "邓华: fill 终止")
    b.act(f"submitButton({json.dumps(form)});", "邓华: 终止 the sub-item", flash="事项已关闭。", path=ITEM_PATH)
    if not (facts().get("办理状态") or "").startswith("已终止"):
        failures.append(f"the 教育局 sub-item shows 办理状态 「{facts().get('办理状态')}」 after 终止")
    b.goto(item_url, "邓华: open the item")
    form = open_action("申请办结")
    b.js('setValue("#summary", "改造项目均已开工。");', "邓华: fill 申请办结")
    b.act(f"submitButton({json.dumps(form)});", "邓华: 申请办结", flash="办结申请已提交，等待督查室审核。", path=ITEM_PATH)

    walk.login("maj", "马骏")
    b.goto(item_url, "马骏: open the item")
    b.act('const f = need("form[action$=\\"/completion/decision\\"]"); f.querySelector("button[value=true]").click();', "马骏: 同意办结",
          flash="已审核办结。", path=ITEM_PATH)
    state = facts().get("办理状态") or ""
    if "已办结" not in state or "按时办结" not in state:
        failures.append(f"the item shows 办理状态 「{state}」, expected 已办结 · 按时办结")
    form = open_action("评价")
    b.js("""const rows = Array.from(document.querySelectorAll("form[action$=\\"/evaluate\\"] .field-row"));
            if (rows.length !== 2) throw new Error("评价表中有 " + rows.length + " 个单位，应为 2 个");
            rows.forEach((r) => { const unit = r.querySelector("label").textContent;
              r.querySelector("input[type=number]").value = unit.includes("清河县") ? "92" : "85";
              r.querySelector("input[name^=remark]").value = "按时办结。"; });""", "马骏: fill 评价")
    b.act(f"submitButton({json.dumps(form)});", "马骏: 评价", flash="评价已保存。", path=ITEM_PATH)
    scores = {unit: p["score"] for unit, p in parts().items()}
    if not scores.get("清河县人民政府", "").startswith("92") or not scores.get("柳林区人民政府", "").startswith("85"):
        failures.append(f"the 责任单位 table shows the scores {scores}, expected 92 and 85")
    lights = {unit: p["light"] for unit, p in parts().items()}
    if not all("light-done" in light for light in lights.values()):
        failures.append(f"after 办结 the 责任单位 are not all 办结: {lights}")
    walk.shot("supervision-item.png")

    # 督查通报 for this month, sent on as a 发文 draft.
    b.goto(base + "/supervision", "马骏: 督查督办")
    b.act("""const a = Array.from(document.querySelectorAll(".heading .toolbar a")).find((a) => a.textContent.trim() === "督查通报");
             if (!a) throw new Error("督查督办页面没有「督查通报」按钮"); a.click();""", "马骏: 督查通报", path=r"/supervision/bulletin")
    b.act('submitButton("form.filters");', "马骏: 生成", path=r"/supervision/bulletin\?from=.*")
    figures = facts()
    completed = figures.get("办结", "0")
    if not completed.isdigit() or int(completed) < 1:
        failures.append(f"the 督查通报 counts 办结 「{completed}」, expected at least this month's item: {figures}")
    draft = b.js('return {title: need("#title").value, text: need("#text").value, code: need("#issuerCode").selectedOptions[0] ? need("#issuerCode").selectedOptions[0].textContent.trim() : ""};')
    if "督查督办工作情况的通报" not in draft["title"] or "按时办结率" not in draft["text"]:
        failures.append(f"the generated 通报 is not what a 通报 should be: 「{draft['title']}」 / 「{draft['text'][:120]}」")
    b.js(f"""setValue("#text", need("#text").value.trimEnd() + "\\n" + {json.dumps(BULLETIN_ADDITION)});
             choose("#issuerCode", (l) => l.startsWith("江政办发"), "江政办发");""", "马骏: edit the 通报")
    walk.shot("supervision-bulletin.png")
    b.act('submitButton("form[method=post][action=\\"/supervision/bulletin\\"]");', "马骏: 生成发文草稿",
          flash="督查通报已生成发文草稿，请在发文中继续编辑、送审。", path=r"/outgoing/[0-9A-Fa-f-]+")
    outgoing = facts()
    page_text = b.js('return document.querySelector("main").textContent;') or ""
    if draft["title"] not in page_text:
        failures.append(f"the 发文 draft page does not show the 通报's title 「{draft['title']}」")
    log(f"  督查通报 sent on as 发文 {b.path()} ({outgoing.get('文种') or outgoing.get('状态')})")

    # 邱岩 of 东山县: no part in it, 404.
    walk.login("qiuy", "邱岩")
    b.cdp.events.clear()
    b.cdp.call("Page.navigate", url=item_url)
    status = b._wait_load("邱岩: open the item's address")
    if status != 404:
        failures.append(f"邱岩 opening the 督办事项's address gets HTTP {status}, expected 404")
    b.goto(base + "/supervision?view=all", "邱岩: 督查督办")
    if TITLE in (b.js('return document.querySelector("main").textContent;') or ""):
        failures.append("邱岩, with no part in it, sees the 督办事项 on her board")
    log("  督查督办: 立项 from a 批示, 分解, 反馈, 延期, 办结, 评价 and 通报 walked through")
    return failures
