"""The 值班 part of the walkthrough (issue 19, the duty half). 张伟 (值班管理员 of 市政府办公室) makes a rota for the first week
of next month, generates it from 李娜/黄磊/赵敏/孙丽 in turn with 王建国/周强 as 带班领导 and 赵敏 on 请假 for two days, checks
the table against the turn (赵敏 passed over, every 夜班 and every 白班 of a 休息日 with a 带班领导, nothing 待补齐),
publishes it and prints it. 黄磊 asks 孙丽 to swap (换班) his first 白班 for one of her later shifts; she agrees from her
消息, 张伟 approves, and the rota shows the two names exchanged. Then, on the demo's published rota, the person on the
shift running now records a call (来电记录) on a 375 px phone, hands over (交接班) with a note; the 带班领导 signs the shift
off (签认) and the person on the next shift finds the open entries carried over with the note. Screenshots:
duty-rota.png, duty-rota-print.png, duty-log-form-phone.png and duty-log-phone.png (375x800, the screen: the call typed in,
then the log showing it)."""
import base64
import datetime
import json
import os
import re
import time

CHINA = datetime.timezone(datetime.timedelta(hours=8))
# The people of 市政府办公室 and 市政府 who may stand duty (DemoCity.people).
USERNAMES = {"陈志强": "chenzq", "刘文华": "liuwh", "王建国": "wangjg", "周强": "zhouq", "张伟": "zhangw", "李娜": "lina", "黄磊": "huangl",
             "赵敏": "zhaom", "孙丽": "sunl", "钱芳": "qianf", "马骏": "maj", "吴涛": "admin", "刘洋": "liuy", "郑海": "secadmin", "冯静": "auditadmin"}
UNIT = "江北市人民政府办公室"
PEOPLE = ["李娜", "黄磊", "赵敏", "孙丽"]
LEADERS = ["王建国", "周强"]
ON_LEAVE = "赵敏"
LEAVE_REASON = "年休假"
ASKER, TAKER = "黄磊", "孙丽"
SWAP_REASON = "孩子学校开家长会，需请假半天"
CALL = {"caller": "陈科长", "callerUnit": "市气象局", "phone": "0551-62345678",
        "content": "通报：今夜至明晨全市有大雾，局部能见度低于200米，请提醒各单位注意交通安全。",
        "handling": "已报告带班领导，拟明早通知各县区政府办公室。"}
HANDOVER_NOTE = "市气象局大雾预警一事，明早通知各县区；清河县询问报送时间一事仍待答复。均移交下一班。"
PHONE = (375, 800)
ROTA_PATH = r"/duty/rotas/[0-9A-Fa-f-]+"
SHIFT_PATH = r"/duty/shifts/[0-9A-Fa-f-]+"

S = {  # Strings.Duty, as the pages show them
    "created": "排班已建立，请填写轮值人员后生成。",
    "generated": "排班已生成，请检查后发布。",
    "published": "排班已发布，相关人员已收到通知。",
    "asked": "换班申请已提交，等待对方确认。",
    "agreed": "已同意，等待值班管理员审批。",
    "approved": "已批准，值班表已调整。",
    "logged": "已记录。",
    "handed": "已交接班。",
    "signed": "已签认。",
}


def now_china():
    return datetime.datetime.now(CHINA)


def run(walk, WalkError, log):  # noqa: N803 - the caller's exception class
    b, base = walk.b, walk.base
    failures = []

    def main_text():
        return b.js('return document.querySelector("main") ? document.querySelector("main").textContent.replace(/\\s+/g, " ") : "";') or ""

    def click_link(selector, label, what, path):
        b.act(f"""const a = Array.from(document.querySelectorAll({json.dumps(selector)})).find((a) => a.textContent.replace(/\\s+/g, " ").trim() === {json.dumps(label)});
                  if (!a) throw new Error("页面上没有「" + {json.dumps(label)} + "」链接"); a.scrollIntoView({{block: "center"}}); a.click();""", what, path=path)

    def duty_page(who):
        """工作台 → 值班 (the nav link)."""
        b.goto(base + "/", f"{who}: 工作台")
        click_link("nav a", "值班", f"{who}: 值班", r"/duty")

    def rota_table():
        """The rows of the rota page's table: day, weekday, kind, hours, off day, leader, staff, incomplete, href."""
        return b.js("""return Array.from(document.querySelectorAll("table.duty-rota tbody tr")).map((r) => { const c = r.querySelectorAll("td");
                         const names = (cell) => Array.from(cell.querySelectorAll(".duty-person")).map((p) => p.childNodes[0].textContent.trim());
                         const a = c[2].querySelector("a");
                         return {day: c[0].textContent.trim(), weekday: c[1].childNodes[0].textContent.trim(), offDay: r.classList.contains("duty-off-day"),
                                 offTag: !!c[1].querySelector(".tag"), kind: a.textContent.trim(), hours: c[2].querySelector("small").textContent.trim(),
                                 href: a.getAttribute("href"), leader: names(c[3])[0] || null, staff: names(c[4]), incomplete: !!c[4].querySelector(".tag"),
                                 mine: r.classList.contains("duty-mine")}; });""") or []

    def span(row):
        """When a row's shift starts and ends (Beijing), from its day and hours `08:30–17:30` / `17:30–次日08:30`."""
        m = re.fullmatch(r"(\d\d):(\d\d)–(次日)?(\d\d):(\d\d)", row["hours"])
        if not m:
            raise WalkError(f"the rota shows the hours 「{row['hours']}」 for {row['day']} {row['kind']}, expected HH:mm–[次日]HH:mm")
        day = datetime.date.fromisoformat(row["day"])
        start = datetime.datetime(day.year, day.month, day.day, int(m[1]), int(m[2]), tzinfo=CHINA)
        end_day = day + datetime.timedelta(days=1 if m[3] else 0)
        return start, datetime.datetime(end_day.year, end_day.month, end_day.day, int(m[4]), int(m[5]), tzinfo=CHINA)

    def label(row):
        return f"{row['day']} {row['weekday']} {row['kind']}"

    def facts():
        return b.js("""const out = {}; document.querySelectorAll("dl.facts dt").forEach((dt) => { out[dt.textContent.trim()] = dt.nextElementSibling.textContent.replace(/\\s+/g, " ").trim(); });
                       return out;""") or {}

    def entries():
        """The shift page's 值班日志: per entry its tags, caller line, content, handling and author line."""
        return b.js("""return Array.from(document.querySelectorAll("ul.duty-log > li.duty-entry")).map((li) => ({
                         tags: Array.from(li.querySelector("p").querySelectorAll(".tag")).map((t) => t.textContent.trim()),
                         time: (li.querySelector("p strong") || {textContent: ""}).textContent.trim(),
                         caller: li.querySelector(".duty-caller") ? li.querySelector(".duty-caller").textContent.replace(/\\s+/g, " ").trim() : null,
                         content: li.querySelector(".document-text").textContent.trim(),
                         hints: Array.from(li.querySelectorAll(":scope > p.hint")).map((p) => p.textContent.replace(/\\s+/g, " ").trim())}));""") or []

    def open_details(summary, what):
        b.js(f"""const d = Array.from(document.querySelectorAll("details")).find((d) => d.querySelector("summary").textContent.trim() === {json.dumps(summary)});
                 if (!d) throw new Error("页面上没有「" + {json.dumps(summary)} + "」"); d.open = true; d.scrollIntoView({{block: "start"}});""", what)

    def notifications(who):
        b.goto(base + "/notifications", f"{who}: 消息")
        return b.js('return Array.from(document.querySelectorAll(".notification-title")).map((s) => s.textContent.trim());') or []

    def phone_shot(name):
        """What the phone's screen shows now (the viewport, not the whole page)."""
        time.sleep(0.3)
        shot = b.cdp.call("Page.captureScreenshot", format="png")
        out = os.path.join(walk.outdir, name)
        with open(out, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        log(f"  screenshot {out} ({PHONE[0]}x{PHONE[1]}, the screen)")

    def kinds_needing_leader():
        """班次设置 on the duty page: kind name → needs a 带班领导 on working days too."""
        items = b.js("""const h = Array.from(document.querySelectorAll("section.card h2")).find((h) => h.textContent.trim() === "班次设置");
                        return h ? Array.from(h.parentElement.querySelectorAll("ul li")).map((li) => li.textContent.replace(/\\s+/g, " ").trim()) : [];""") or []
        return {item.split(" ")[0]: "工作日也需带班领导" in item for item in items}

    today = now_china().date()
    start = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    end = start + datetime.timedelta(days=6)
    holiday = None
    if (start.month, start.day) == (1, 1):
        # 刘洋 (流程管理员) enters 元旦 in the working calendar, as the city's notice announces it; the demo has no holidays.
        holiday = start.isoformat()
        walk.login("liuy", "刘洋")
        b.goto(base + "/admin/workflow", "刘洋: 流程管理")
        b.js(f"""setValue("#day", {json.dumps(holiday)}); choose("#kind", (l) => l === "放假", "放假"); setValue("#dayname", "元旦");""", "刘洋: fill 节假日")
        b.act('submitButton("form[action=\\"/admin/workflow/calendar\\"]");', f"刘洋: 添加 {holiday} 元旦", flash="已保存。", path=r"/admin/workflow")
        log(f"  刘洋 entered {holiday} 元旦 as a holiday")

    # 1. 张伟: 值班 → 新建排班 for the first week of next month.
    walk.login("zhangw", "张伟")
    duty_page("张伟")
    kinds = kinds_needing_leader()
    if set(kinds) != {"白班", "夜班"} or not kinds["夜班"] or kinds["白班"]:
        failures.append(f"张伟's 班次设置 lists {kinds}, expected 白班 and 夜班 (夜班 with a 带班领导 every day)")
    title = f"{start.year}年{start.month}月{start.day}日至{end.day}日值班表"
    demo_title = f"{today.year}年{today.month}月值班表"
    listed = b.js("""return Array.from(document.querySelectorAll("table.list tbody tr")).map((r) => Array.from(r.querySelectorAll("td")).map((c) => c.textContent.replace(/\\s+/g, " ").trim()));""") or []
    if not any(r and r[0] == demo_title and r[-1] == "已发布" for r in listed):
        failures.append(f"张伟's 排班表 list does not show the demo's 「{demo_title}」 as 已发布: {listed}")
    b.js(f"""setValue("#rota-title", {json.dumps(title)}); setValue("#rota-start", {json.dumps(start.isoformat())}); setValue("#rota-end", {json.dumps(end.isoformat())});""",
         "张伟: fill 新建排班")
    b.act('submitButton("form[action=\\"/duty/rotas\\"]");', "张伟: 建立排班", flash=S["created"], path=ROTA_PATH)
    rota_path = b.path()
    heading = b.js('return text(".heading h1");') or ""
    if heading != f"{title} 草稿":
        failures.append(f"the new rota's heading reads 「{heading}」, expected 「{title} 草稿」")
    hint = b.js('return text("p.hint");') or ""
    if hint != f"{UNIT} · {start.isoformat()} – {end.isoformat()}":
        failures.append(f"the new rota shows 「{hint}」, expected {UNIT} and its period")
    prefill = b.js('return {open: need("#people").closest("details").open, people: need("#people").value, leaders: need("#leaders").value};')
    if not prefill["open"] or "李娜" not in prefill["people"] or "王建国" not in prefill["leaders"]:
        failures.append(f"the new rota's 生成排班 form is not open with the unit's people and leaders filled in: {prefill}")
    log(f"  张伟 made the draft rota 「{title}」 ({start} – {end}); the form offered 值班员 {prefill['people'].splitlines()}")

    # 生成: the people and leaders in turn, 赵敏 on leave on the 2nd and 3rd day.
    leave_from, leave_to = start + datetime.timedelta(days=1), start + datetime.timedelta(days=2)
    leave_line = f"{ON_LEAVE} {leave_from.isoformat()} {leave_to.isoformat()} {LEAVE_REASON}"
    b.js(f"""setValue("#people", {json.dumps(chr(10).join(PEOPLE))}); setValue("#leaders", {json.dumps(chr(10).join(LEADERS))});
             setValue("#leaves", {json.dumps(leave_line)});""", "张伟: fill 生成排班")
    b.act('submitButton("form[action$=\\"/generate\\"]");', "张伟: 生成排班", flash=S["generated"], path=re.escape(rota_path))
    rows = rota_table()
    days = [(start + datetime.timedelta(days=i)).isoformat() for i in range(7)]
    if [r["day"] for r in rows] != [d for d in days for _ in range(2)] or [r["kind"] for r in rows] != ["白班", "夜班"] * 7:
        failures.append(f"the generated table has {[(r['day'], r['kind']) for r in rows]}, expected a 白班 and a 夜班 on each day {days[0]} – {days[-1]}")
    # What the turn gives (DutyGeneration): people in turn passing over 赵敏 while on leave; a leader in turn for every
    # 夜班 and every shift of a 休息日.
    expected = []
    next_person = next_leader = 0
    for r in rows:
        leader = None
        if r["offDay"] or kinds.get(r["kind"], False):
            leader = LEADERS[next_leader % len(LEADERS)]
            next_leader += 1
        for step in range(len(PEOPLE)):
            person = PEOPLE[(next_person + step) % len(PEOPLE)]
            if person == ON_LEAVE and leave_from.isoformat() <= r["day"] <= leave_to.isoformat():
                continue
            next_person = (next_person + step) % len(PEOPLE) + 1
            break
        expected.append((leader, [person]))
    got = [(r["leader"], r["staff"]) for r in rows]
    if got != expected:
        failures.append("the generated table is not the people and leaders in turn:\n      got      "
                        + "; ".join(f"{r['day']} {r['kind']} {r['leader']}/{'、'.join(r['staff'])}" for r in rows)
                        + "\n      expected " + "; ".join(f"{r['day']} {r['kind']} {e[0]}/{'、'.join(e[1])}" for r, e in zip(rows, expected)))
    away = [label(r) for r in rows if ON_LEAVE in r["staff"] and leave_from.isoformat() <= r["day"] <= leave_to.isoformat()]
    if away:
        failures.append(f"{ON_LEAVE} is on leave {leave_from} – {leave_to} but stands duty on {away}")
    if not any(ON_LEAVE in r["staff"] for r in rows):
        failures.append(f"{ON_LEAVE} is not on the rota at all (only her leave days should be passed over)")
    off_day_shifts = [r for r in rows if r["offDay"] and r["kind"] == "白班"]
    if holiday and holiday not in [r["day"] for r in off_day_shifts]:
        failures.append(f"the holiday {holiday} (元旦) is not marked 休息日 on the rota")
    if not off_day_shifts:
        failures.append(f"the week {start} – {end} shows no 休息日 (a weekend should be marked 休息日)")
    for r in off_day_shifts:
        if not r["leader"] or not r["offTag"]:
            failures.append(f"the 休息日 shift {label(r)} shows 带班领导 「{r['leader']}」 (tag 休息日: {r['offTag']}), expected a leader")
    for r in rows:
        if not r["offDay"] and r["kind"] == "白班" and r["leader"]:
            failures.append(f"the working-day 白班 {label(r)} has the 带班领导 {r['leader']}, expected none")
    if any(r["incomplete"] for r in rows):
        failures.append(f"shifts are marked 待补齐 after generation: {[label(r) for r in rows if r['incomplete']]}")
    leaves_card = b.js("""const h = Array.from(document.querySelectorAll("section.card h2")).find((h) => h.textContent.trim() === "请假");
                          return h ? h.parentElement.querySelector("ul").textContent.replace(/\\s+/g, " ").trim() : null;""")
    if leaves_card != f"{ON_LEAVE} {leave_from.isoformat()} – {leave_to.isoformat()} {LEAVE_REASON}":
        failures.append(f"the rota's 请假 card reads 「{leaves_card}」, expected {ON_LEAVE}'s leave with its reason")
    log(f"  generated {len(rows)} shifts; 休息日 {[r['day'] for r in off_day_shifts]} with 带班领导 {[r['leader'] for r in off_day_shifts]}; "
        f"{ON_LEAVE} passed over {leave_from} – {leave_to}")

    # 发布.
    b.act('submitButton("form[action$=\\"/publish\\"]");', "张伟: 发布排班", flash=S["published"], path=re.escape(rota_path))
    heading = b.js('return text(".heading h1");') or ""
    if heading != f"{title} 已发布":
        failures.append(f"after 发布 the rota's heading reads 「{heading}」, expected 「{title} 已发布」")
    if b.js('return !!document.querySelector("form[action$=\\"/generate\\"], form[action$=\\"/publish\\"]");'):
        failures.append("the published rota still offers 生成排班 or 发布排班")
    if [(r["leader"], r["staff"]) for r in rota_table()] != got:
        failures.append("publishing changed the rota's table")
    walk.shot("duty-rota.png")

    # 打印.
    b.resize(walk.print_width, walk.desktop[1])
    click_link(".heading .toolbar a", "打印", "张伟: 打印", re.escape(rota_path) + "/print")
    printed = b.js("""return {h1: text(".duty-print h1"), period: text(".duty-print-period"), footer: text(".duty-print-footer"),
                              days: Array.from(document.querySelectorAll(".duty-print-table td[rowspan]")).map((c) => c.textContent.trim()),
                              rows: Array.from(document.querySelectorAll(".duty-print-table tbody tr")).map((r) => Array.from(r.querySelectorAll("td")).slice(-3).map((c) => c.textContent.replace(/\\s+/g, " ").trim()))};""")
    if printed["h1"] != UNIT + title or printed["period"] != f"{start.isoformat()} – {end.isoformat()}":
        failures.append(f"the print view is headed 「{printed['h1']}」 / 「{printed['period']}」, expected {UNIT}{title} and its period")
    if len(printed["rows"]) != len(rows) or any(r["staff"][0] not in p[1] or (r["leader"] or "") != p[0] for r, p in zip(rows, printed["rows"])):
        failures.append(f"the print view's 带班领导/值班员 columns differ from the rota: {printed['rows']}")
    if not all("1380000" in p[2] for p in printed["rows"]):
        failures.append(f"the print view's 联系电话 column lacks phone numbers: {[p[2] for p in printed['rows']]}")
    if not printed["footer"] or today.isoformat() not in printed["footer"]:
        failures.append(f"the print view's footer reads 「{printed['footer']}」, expected 制表日期 {today}")
    walk.shot("duty-rota-print.png", full_width=walk.print_width)
    b.resize(*walk.desktop)
    log(f"  张伟 published 「{title}」 and printed it")

    # 2. 换班: 黄磊 asks 孙丽 to take his first 白班 for one of her later shifts.
    mine = next((r for r in rows if ASKER in r["staff"] and r["kind"] == "白班"), None)
    theirs = next((r for r in rows if mine and TAKER in r["staff"] and r["day"] > mine["day"] and ASKER not in r["staff"]), None)
    if not mine or not theirs:
        raise WalkError(f"the rota has no 白班 of {ASKER} followed by a shift of {TAKER} to swap: {got}")
    walk.login(USERNAMES[ASKER], ASKER)
    published_note = [t for t in notifications(ASKER) if t == f"排班已发布：{title}"]
    if not published_note:
        failures.append(f"{ASKER} has no message 「排班已发布：{title}」")
    duty_page(ASKER)
    click_link("table.list tbody td a", title, f"{ASKER}: open 「{title}」", re.escape(rota_path))
    marked = [label(r) for r in rota_table() if r["mine"]]
    if label(mine) not in marked or any(ASKER not in r["staff"] + [r["leader"]] for r in rota_table() if r["mine"]):
        failures.append(f"{ASKER}'s own shifts are not the ones marked on the rota: {marked}")
    b.act(f"""const a = need('table.duty-rota a[href={json.dumps(mine["href"])}]'); a.click();""", f"{ASKER}: open {label(mine)}",
          path=re.escape(mine["href"]))
    open_details("申请换班", f"{ASKER}: 申请换班")
    b.js(f"""choose("#target", (l) => l === {json.dumps(TAKER)}, {json.dumps(TAKER)});
             const id = {json.dumps(theirs["href"].rsplit("/", 1)[1])};
             const o = Array.from(need("#target-shift").options).find((o) => o.value === id);
             if (!o) throw new Error("对换班次中没有 {label(theirs)}；选项：" + Array.from(need("#target-shift").options).map((o) => o.textContent.trim()).join(" | "));
             need("#target-shift").value = id; setValue("#reason", {json.dumps(SWAP_REASON)}); return o.textContent.trim();""", f"{ASKER}: fill 申请换班")
    option = b.js('return need("#target-shift").selectedOptions[0].textContent.trim();')
    if option != f"{label(theirs)}（{'、'.join(([theirs['leader']] if theirs['leader'] else []) + theirs['staff'])}）":
        failures.append(f"the 对换班次 option reads 「{option}」, expected {label(theirs)} with who holds it")
    b.act('submitButton("form[action$=\\"/swaps\\"]");', f"{ASKER}: 申请换班", flash=S["asked"], path=re.escape(mine["href"]))
    log(f"  {ASKER} asked {TAKER} to swap {label(mine)} for {label(theirs)}")

    def swap_row():
        """The 换班申请 row of our swap on the duty page: cells and buttons."""
        return b.js(f"""const rows = Array.from(document.querySelectorAll("table.list tbody tr")).filter((r) => {{ const a = r.querySelector("td a");
                          return a && a.getAttribute("href") === {json.dumps(mine["href"])} && r.querySelectorAll("td")[1].textContent.trim() === {json.dumps(ASKER)}; }});
                        if (rows.length !== 1) return null; const c = rows[0].querySelectorAll("td");
                        return {{shift: c[0].querySelector("a").textContent.trim() + " / " + c[0].querySelector("small").textContent.replace(/\\s+/g, " ").trim(), target: c[2].textContent.trim(), reason: c[3].textContent.trim(), state: c[4].textContent.trim(),
                                buttons: Array.from(c[5].querySelectorAll("button")).map((x) => x.textContent.trim())}};""")

    def decide(button, who, flash):
        b.act(f"""const rows = Array.from(document.querySelectorAll("table.list tbody tr")).filter((r) => {{ const a = r.querySelector("td a");
                    return a && a.getAttribute("href") === {json.dumps(mine["href"])} && r.querySelectorAll("td")[1].textContent.trim() === {json.dumps(ASKER)}; }});
                  const btn = Array.from(rows[0].querySelectorAll("button")).find((x) => x.textContent.trim() === {json.dumps(button)});
                  if (!btn) throw new Error("换班申请一行没有「{button}」"); btn.click();""", f"{who}: {button}", flash=flash, path=r"/duty")

    # 孙丽 agrees, from her 消息.
    walk.login(USERNAMES[TAKER], TAKER)
    asked = f"换班申请：{mine['day']}，请确认是否同意"
    if asked not in notifications(TAKER):
        failures.append(f"{TAKER} has no message 「{asked}」")
        duty_page(TAKER)
    else:
        b.act(f"""const btn = Array.from(document.querySelectorAll("button.notification-open")).find((x) => x.querySelector(".notification-title").textContent.trim() === {json.dumps(asked)});
                  btn.click();""", f"{TAKER}: open the message", path=r"/duty")
    row = swap_row()
    expected_shift = f"{label(mine)} / 对换班次 {label(theirs)}"
    if not row or row["shift"] != expected_shift or row["target"] != TAKER or row["reason"] != SWAP_REASON or row["state"] != "待对方确认" \
            or row["buttons"] != ["同意", "不同意"]:
        failures.append(f"{TAKER}'s 换班申请 row is {row}, expected {expected_shift} / {SWAP_REASON} / 待对方确认 with 同意 and 不同意")
    decide("同意", TAKER, S["agreed"])
    row = swap_row()
    if not row or row["state"] != "待审批" or row["buttons"]:
        failures.append(f"after {TAKER} agreed her row is {row}, expected 待审批 and no buttons")

    # 张伟 approves; the rota shows the names exchanged.
    walk.login("zhangw", "张伟")
    duty_page("张伟")
    row = swap_row()
    if not row or row["state"] != "待审批" or row["buttons"] != ["批准", "不批准"]:
        failures.append(f"张伟's 换班申请 row is {row}, expected 待审批 with 批准 and 不批准")
    decide("批准", "张伟", S["approved"])
    row = swap_row()
    if not row or row["state"] != "已批准":
        failures.append(f"after approval the 换班申请 row is {row}, expected 已批准")
    click_link("table.list tbody td a", title, f"张伟: open 「{title}」", re.escape(rota_path))
    after = {r["href"]: r for r in rota_table()}
    if after[mine["href"]]["staff"] != [TAKER] or after[theirs["href"]]["staff"] != [ASKER]:
        failures.append(f"after the swap the rota shows {label(mine)}: {after[mine['href']]['staff']} and {label(theirs)}: {after[theirs['href']]['staff']},"
                        f" expected {TAKER} and {ASKER}")
    log(f"  {TAKER} agreed, 张伟 approved: {label(mine)} now {'、'.join(after[mine['href']]['staff'])}, "
        f"{label(theirs)} now {'、'.join(after[theirs['href']]['staff'])}")

    # 3. The shift running now on the demo's rota: who holds it, and the next one.
    duty_page("张伟")
    click_link("table.list tbody td a", demo_title, f"张伟: open 「{demo_title}」", ROTA_PATH)
    demo_rows = rota_table()
    moment = now_china()
    current = next((i for i, r in enumerate(demo_rows) if span(r)[0] <= moment < span(r)[1]), None)
    if current is None:
        raise WalkError(f"the demo's rota 「{demo_title}」 has no shift running now ({moment:%Y-%m-%d %H:%M})")
    shift, following = demo_rows[current], (demo_rows[current + 1] if current + 1 < len(demo_rows) else None)
    if following is None:  # the last shift of the month: the next one is the first of the new rota
        following = rows[0] if rows[0]["day"] == (datetime.date.fromisoformat(shift["day"]) + datetime.timedelta(days=1)).isoformat() else None
    if not shift["staff"] or not shift["leader"] or following is None:
        raise WalkError(f"the shift running now {label(shift)} has 值班员 {shift['staff']} and 带班领导 {shift['leader']}, next {following}")
    staff, leader = shift["staff"][0], shift["leader"]
    for name in [staff, leader] + following["staff"]:
        if name not in USERNAMES:
            raise WalkError(f"the walkthrough does not know the username of {name} (on {label(shift)} or the next shift)")
    log(f"  on duty now: {label(shift)} {shift['hours']}, 值班员 {staff}, 带班领导 {leader}; next {label(following)} ({'、'.join(following['staff'])})")

    # The person on duty, on a phone: 值班 → 我的值班 → the shift; records a call.
    walk.login(USERNAMES[staff], staff)
    b.resize(*PHONE)
    duty_page(staff)
    b.act(f"""const a = Array.from(document.querySelectorAll("ul.duty-shifts a")).find((a) => a.getAttribute("href") === {json.dumps(shift["href"])});
              if (!a) throw new Error("我的值班中没有 {label(shift)}；有：" + Array.from(document.querySelectorAll("ul.duty-shifts li")).map((l) => l.textContent.replace(/\\s+/g, " ").trim()).join(" | "));
              a.click();""", f"{staff}: open {label(shift)} from 我的值班", path=re.escape(shift["href"]))
    shown = facts()
    if shown.get("状态") != "值班中" or shown.get("值班员", "").split(" ")[0] != staff or not shown.get("带班领导", "").startswith(leader):
        failures.append(f"{label(shift)} shows {shown}, expected 值班中 with {staff} and {leader}")
    previous_note = b.js('return text(".duty-previous .document-text");')
    if not previous_note:
        failures.append(f"{label(shift)} does not show the 上一班交接说明 the demo's previous shift handed over")
    before = entries()
    carried_in = [e for e in before if "上一班移交" in e["tags"] and "待处理" in e["tags"]]
    if not carried_in:
        failures.append(f"{label(shift)}'s log shows no open entry carried from the previous shift: {before}")
    open_details("记录来电或事件", f"{staff}: 记录来电或事件")
    when = (moment - datetime.timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M")
    b.js(f"""choose("#entry-kind", (l) => l === "来电", "来电"); setValue("#occurred", {json.dumps(when)});
             setValue("#caller", {json.dumps(CALL["caller"])}); setValue("#caller-unit", {json.dumps(CALL["callerUnit"])});
             setValue("#caller-phone", {json.dumps(CALL["phone"])}); setValue("#content", {json.dumps(CALL["content"])});
             setValue("#handling", {json.dumps(CALL["handling"])});
             if (document.querySelector("input[name=closed]").checked) throw new Error("「已当场处理完毕」默认已勾选");""", f"{staff}: fill the 来电记录")
    wide = b.js("return document.documentElement.scrollWidth;")
    if wide and wide > PHONE[0]:
        failures.append(f"the shift page is {wide} px wide on a {PHONE[0]} px phone (it scrolls sideways)")
    b.js('need("form[action$=\\"/log\\"]").closest("details").scrollIntoView({block: "start"});')
    phone_shot("duty-log-form-phone.png")
    b.act('submitButton("form[action$=\\"/log\\"]");', f"{staff}: 记录", flash=S["logged"], path=re.escape(shift["href"]))
    logged = entries()
    call = next((e for e in logged if e["content"] == CALL["content"]), None)
    hhmm = when[11:]
    if not call:
        failures.append(f"the log of {label(shift)} does not show the call just recorded: {logged}")
    else:
        caller_line = f"来电人：{CALL['caller']} · {CALL['callerUnit']} · {CALL['phone']}"
        if call["tags"] != ["来电", "待处理"] or call["caller"] != caller_line or hhmm not in call["time"] \
                or f"处理情况：{CALL['handling']}" not in call["hints"] or staff not in call["hints"][-1]:
            failures.append(f"the recorded call shows {call}, expected 来电 {hhmm} 待处理, 「{caller_line}」, its 处理情况 and {staff}")
    wide = b.js("return document.documentElement.scrollWidth;")
    if wide and wide > PHONE[0]:
        failures.append(f"the shift page with the call is {wide} px wide on a {PHONE[0]} px phone")
    b.js(f"""const li = Array.from(document.querySelectorAll("ul.duty-log > li.duty-entry")).find((li) => li.querySelector(".document-text").textContent.trim() === {json.dumps(CALL["content"])});
             if (li) {{ const r = li.getBoundingClientRect(); window.scrollTo(0, window.scrollY + r.top - 60); }}""", "scroll to the call")
    phone_shot("duty-log-phone.png")
    log(f"  {staff} recorded the call from {CALL['caller']} ({CALL['callerUnit']}) on a phone")

    # 交接班.
    b.resize(*walk.desktop)
    open_details("交接班", f"{staff}: 交接班")
    b.js(f'setValue("#note", {json.dumps(HANDOVER_NOTE)});', f"{staff}: type the 交接说明")
    b.act('submitButton("form[action$=\\"/handover\\"]");', f"{staff}: 交班", flash=S["handed"], path=re.escape(shift["href"]))
    shown = facts()
    if shown.get("状态") != "已交班":
        failures.append(f"after 交班 {label(shift)} shows 状态 「{shown.get('状态')}」, expected 已交班")
    handover = b.js("""const h = Array.from(document.querySelectorAll("section.card h2")).find((h) => h.textContent.trim() === "交接班");
                       return h ? {note: h.parentElement.querySelector(".document-text").textContent.trim(), by: h.parentElement.querySelector(".hint").textContent.trim()} : null;""")
    if not handover or handover["note"] != HANDOVER_NOTE or handover["by"] != staff:
        failures.append(f"after 交班 the 交接班 card shows {handover}, expected the note by {staff}")
    if b.js('return !!document.querySelector("form[action$=\\"/log\\"], form[action$=\\"/handover\\"]");'):
        failures.append("after 交班 the shift page still offers 记录 or 交班")
    # The open entries went on to the next shift; this one still lists them, marked, for the 带班领导's 签认.
    listed = entries()
    left = [e["content"] for e in listed if "待处理" in e["tags"] and "已移交下一班" not in e["tags"]]
    if left:
        failures.append(f"after 交班 open entries stayed on {label(shift)} without going on: {left}")
    if not any("已移交下一班" in e["tags"] for e in listed):
        failures.append(f"after 交班 {label(shift)} does not show what it handed on (已移交下一班)")
    log(f"  {staff} handed over: 「{HANDOVER_NOTE}」")

    # The 带班领导 signs off.
    walk.login(USERNAMES[leader], leader)
    duty_page(leader)
    if not b.js(f'return !!Array.from(document.querySelectorAll("ul.duty-shifts a")).find((a) => a.getAttribute("href") === {json.dumps(shift["href"])});'):
        failures.append(f"{leader}'s 我的值班 does not list {label(shift)} where he is 带班领导")
    b.goto(base + shift["href"], f"{leader}: open {label(shift)}")
    if not b.js('return !!document.querySelector("form[action$=\\"/sign-off\\"]");'):
        raise WalkError(f"{leader} ({label(shift)}'s 带班领导) is offered no 带班领导签认 ({b.url()})")
    b.act('submitButton("form[action$=\\"/sign-off\\"]");', f"{leader}: 带班领导签认", flash=S["signed"], path=re.escape(shift["href"]))
    shown = facts()
    if shown.get("状态") != f"已签认 {leader}":
        failures.append(f"after 签认 {label(shift)} shows 状态 「{shown.get('状态')}」, expected 「已签认 {leader}」")
    if b.js('return !!document.querySelector("form[action$=\\"/sign-off\\"]");'):
        failures.append("after 签认 the shift page still offers 带班领导签认")
    signed_log = [e["content"] for e in entries()]
    if CALL["content"] not in signed_log:
        failures.append(f"the 带班领导 signs off {label(shift)} without seeing the call recorded on it (its log shows {signed_log};"
                        " the open entry moved to the next shift)")
    log(f"  {leader} signed {label(shift)} off")

    # The person on the next shift finds the note and the open entries.
    successor = following["staff"][0]
    walk.login(USERNAMES[successor], successor)
    titles = notifications(successor)
    handed_titles = [t for t in titles if t.startswith("交接班：")]
    if not any(re.fullmatch(r"交接班：有 \d+ 条待处理事项交给本班", t) for t in handed_titles):
        failures.append(f"{successor} (next shift) has no message 「交接班：有 N 条待处理事项交给本班」: {handed_titles or titles[:5]}")
    b.goto(base + following["href"], f"{successor}: open {label(following)}")
    begins = span(following)[0]
    if begins > now_china() and facts().get("状态") == "值班中":
        failures.append(f"{label(following)} has not begun (it starts {begins:%Y-%m-%d %H:%M}) but its page shows 状态 「值班中」")
    note = b.js('return {note: text(".duty-previous .document-text"), by: text(".duty-previous .hint")};')
    if note["note"] != HANDOVER_NOTE or note["by"] != staff:
        failures.append(f"{label(following)} shows the 上一班交接说明 {note}, expected 「{HANDOVER_NOTE}」 by {staff}")
    next_log = entries()
    carried = next((e for e in next_log if e["content"] == CALL["content"]), None)
    if not carried or "上一班移交" not in carried["tags"] or "待处理" not in carried["tags"]:
        failures.append(f"{label(following)}'s log does not show the call as 上一班移交 · 待处理: {carried or next_log}")
    for e in carried_in:
        if not any(x["content"] == e["content"] and "上一班移交" in x["tags"] for x in next_log):
            failures.append(f"the entry carried into {label(shift)} 「{e['content']}」 was not carried on to {label(following)}")
    log(f"  {successor} finds on {label(following)} the note and {len([e for e in next_log if '上一班移交' in e['tags']])} carried entries")
    log("  值班: rota made, generated (请假 passed over, 休息日 带班领导), published, printed; 换班 asked/agreed/approved; "
        "来电 recorded on a phone, 交接班, 签认, carried to the next shift")
    return failures
