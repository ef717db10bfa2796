"""The 会议 part of the walkthrough: 李娜 (会务 of 市政府办公室) books 第一会议室 for a 会前准备 slot on its week grid, then
makes a 常务会 there two days ahead (陈志强 hosting, 陈志强/刘文华/王建国 called with the first two on the 主席台, an 议程,
清河县 and 柳林区 invited with 2 places each, 茶水 and 桌签) as a draft and 发通知; a second meeting and a booking at the same
time are refused with 该会议室此时段已被预订, keeping what was typed. 郭亚楠 (清河县) and 蔡洁 (柳林区) find it under 单位报名,
签收 and name two each; 徐慧敏 委派 胡晓, 王建国 请假, 陈志强 参加 on a 375 px phone. 李娜 arranges the seats by rank
(陈志强 主席台 5 号 of 9, 刘文华 6 号), prints the 座次图 and the 席卡, ticks two people in (代签到) and drafts the 纪要 into
a 发文 whose 出席/列席/请假 lists are filled. Screenshots: meetings-room-week.png, meetings-phone.png, meetings-page.png,
meetings-seat-chart.png, meetings-name-cards.png, meetings-minutes.png."""
import base64
import datetime
import json
import os
import re
import time

TITLE = "市政府第43次常务会议"
CLASH_TITLE = "城市更新专题调度会"
ROOM = "第一会议室"
PREP = "会前准备"
PREP_FROM, PREP_TO = "08:00", "09:00"
START, END = "09:00", "11:30"
HOST = "陈志强"
CALLED = ["陈志强", "刘文华", "王建国"]
ROSTRUM = ["陈志强", "刘文华"]
AGENDA = [("研究城市更新三年行动计划", "市住房城乡建设局", "30"),
          ("审议《江北市公共资源交易管理办法》", "市公共资源交易中心", "20")]
UNITS = {"清河县人民政府": ["杨帆", "徐慧敏"], "柳林区人民政府": ["肖红", "邓亮"]}
QUOTA = "2"
SERVICES = {"tea": "", "nameCards": "主席台及前排"}
NOTES = "请参会人员提前10分钟到场。"
LEAVE_REASON = "赴省参加全省政务服务工作会议"
SUBSTITUTE = "胡晓"
TICKED = ["陈志强", "杨帆"]  # 代签到: one person the 会务 called, one a county named
PHONE = (375, 800)
MEETING_PATH = r"/meetings/[0-9A-Fa-f-]+"

S = {  # Strings.Meetings, as the pages show them
    "booked": "已预订。",
    "created": "会议已保存为草稿，会议室已预订。确认无误后请发通知。",
    "notified": "会议通知已发出。",
    "taken": "该会议室此时段已被预订",
    "received": "已签收会议通知，请报名参会人员。",
    "named": "参会人员已报送。",
    "replied": "回执已提交。",
    "arranged": "座次已按职级排好。",
    "signed": "已签到。",
    "minutes": "纪要已起草为发文草稿，请在发文中继续编辑、送审。",
}


def today():
    """The day in 江北市 (the pages count days in China time)."""
    return datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8))).date()


def run(walk, WalkError, log):  # noqa: N803 - the caller's exception class
    b, base = walk.b, walk.base
    failures = []
    day = (today() + datetime.timedelta(days=2)).isoformat()

    def main_text():
        return b.js('return document.querySelector("main") ? document.querySelector("main").textContent.replace(/\\s+/g, " ") : "";') or ""

    def facts():
        return b.js("""const out = {}; document.querySelectorAll("dl.facts dt").forEach((dt) => { out[dt.textContent.trim()] = dt.nextElementSibling.textContent.replace(/\\s+/g, " ").trim(); });
                       return out;""") or {}

    def people():
        """The 参会人员 table of the meeting page: name → {tags, unit, reply, seat, sign}."""
        return b.js("""const out = {};
                       document.querySelectorAll("table.meeting-people tbody tr").forEach((r) => { const c = r.querySelectorAll("td");
                         const name = c[0].childNodes[0].textContent.trim();
                         out[name] = {first: c[0].textContent.replace(/\\s+/g, " ").trim(), unit: c[1].textContent.replace(/\\s+/g, " ").trim(),
                                      reply: c[2].textContent.replace(/\\s+/g, " ").trim(), seat: c[3].textContent.trim(),
                                      sign: c[4].textContent.replace(/\\s+/g, " ").trim()}; });
                       return out;""") or {}

    def state_tag():
        return b.js('const t = document.querySelectorAll(".heading h1 .tag"); return t.length ? t[t.length - 1].textContent.trim() : null;')

    def refused(script, what, status=409):
        """Submits a form the server should refuse: the page comes back with its error box and HTTP status."""
        b.cdp.events.clear()
        b.js(script, what)
        got = b._wait_load(what)
        info = b.js('return {error: text(".error-box"), errorPage: text(".error-page")};')
        if got != status or not info["error"] or info["errorPage"]:
            raise WalkError(f"{what}: expected HTTP {status} and the form again with its message, got HTTP {got}, 「{info['error'] or info['errorPage']}」"
                            f" ({b.url()})")
        return info["error"]

    def pick(select, names, what):
        """Selects exactly the options of a multiple select whose label is `name` or starts with `name（`."""
        b.js(f"""const wanted = {json.dumps(names)}; const s = need({json.dumps(select)}); const got = [];
                 Array.from(s.options).forEach((o) => {{ const l = o.textContent.trim();
                   const hit = wanted.find((n) => l === n || l.startsWith(n + "（"));
                   o.selected = !!hit; if (hit) got.push(hit); }});
                 const missing = wanted.filter((n) => !got.includes(n));
                 if (missing.length) throw new Error({json.dumps(select)} + " 中没有 " + missing.join("、") + "；选项：" + Array.from(s.options).map((o) => o.textContent.trim()).join(" | "));
                 s.dispatchEvent(new Event("change", {{bubbles: true}}));""", what)

    def open_meeting_from_list(tab, who):
        """会议 (the nav link) → the tab → the row of our meeting → the meeting page."""
        b.goto(base + "/", f"{who}: 工作台")
        b.act("""const a = Array.from(document.querySelectorAll("nav a")).find((a) => a.textContent.trim() === "会议");
                 if (!a) throw new Error("导航中没有「会议」"); a.click();""", f"{who}: 会议", path=r"/meetings")
        if tab != "mine":
            b.act(f"""const a = need("nav.tabs a[data-tab={tab}]"); a.click();""", f"{who}: the {tab} tab", path=rf"/meetings\?view={tab}")
        b.act(f"""const rows = Array.from(document.querySelectorAll("table.meetings-list tbody tr"));
                  const a = rows.map((r) => r.querySelector("td a")).find((a) => a && a.textContent.trim() === {json.dumps(TITLE)});
                  if (!a) throw new Error("会议列表（" + {json.dumps(tab)} + "）中没有「" + {json.dumps(TITLE)} + "」；有：" +
                                          rows.map((r) => {{ const a = r.querySelector("td a"); return a ? a.textContent.trim() : "?"; }}).join(" | "));
                  a.click();""", f"{who}: open 「{TITLE}」 from 会议 ({tab})", path=MEETING_PATH)
        if b.path() != meeting_path:
            failures.append(f"{who}'s 会议 list links to {b.path()}, expected {meeting_path}")

    def reply(kind, who, reason=None, substitute=None):
        script = f'need("form[action$=\\"/reply\\"] input[name=reply][value={kind}]").click();\n'
        if reason is not None:
            script += f'setValue("form[action$=\\"/reply\\"] #reason", {json.dumps(reason)});\n'
        if substitute is not None:
            script += f'choose("#substitute", (l) => l === {json.dumps(substitute)} || l.startsWith({json.dumps(substitute + "（")}), {json.dumps(substitute)});\n'
        b.js(script, f"{who}: fill the 回执")

    def phone_shot(name):
        """What the phone's screen shows now (the viewport, not the whole page)."""
        time.sleep(0.3)
        shot = b.cdp.call("Page.captureScreenshot", format="png")
        out = os.path.join(walk.outdir, name)
        with open(out, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        log(f"  screenshot {out} ({PHONE[0]}x{PHONE[1]}, the screen)")

    def my_answer():
        return b.js('const s = document.querySelector("#reply p"); return s ? s.textContent.replace(/\\s+/g, " ").trim() : "";') or ""

    # 1. 李娜: 会议 → 会议室 → 第一会议室, the week grid; she books the 会前准备 slot.
    walk.login("lina", "李娜")
    b.act("""const a = Array.from(document.querySelectorAll("nav a")).find((a) => a.textContent.trim() === "会议");
             if (!a) throw new Error("导航中没有「会议」"); a.click();""", "李娜: 会议", path=r"/meetings")
    b.act("""const a = Array.from(document.querySelectorAll(".heading .toolbar a")).find((a) => a.textContent.trim() === "会议室");
             if (!a) throw new Error("会议页面没有「会议室」按钮"); a.click();""", "李娜: 会议室", path=r"/meetings/rooms")
    b.act(f"""const a = Array.from(document.querySelectorAll("table.rooms-list td a")).find((a) => a.textContent.trim() === {json.dumps(ROOM)});
              if (!a) throw new Error("会议室列表中没有{ROOM}"); a.click();""", f"李娜: {ROOM}", path=r"/meetings/rooms/[0-9A-Fa-f-]+")
    room_path = b.path()
    hint = b.js('return text(".hint");') or ""
    if "主席台 9 座" not in hint:
        failures.append(f"the {ROOM} page does not show its 9-seat rostrum: 「{hint}」")
    grid = b.js("""return {days: Array.from(document.querySelectorAll(".week-day .week-day-head")).map((h) => h.textContent.trim()),
                           hours: document.querySelectorAll(".week-hours .week-hour").length,
                           placed: document.querySelectorAll(".booking.placed").length, blocks: document.querySelectorAll(".booking").length};""")
    if len(grid["days"]) != 7 or not all(d.startswith("周") for d in grid["days"]) or grid["hours"] < 10:
        failures.append(f"the week grid does not show 7 days and the hours: {grid}")
    if grid["blocks"] != grid["placed"]:
        failures.append(f"of the week grid's {grid['blocks']} bookings only {grid['placed']} were placed on the time axis")
    b.js(f"""setValue("#b-title", {json.dumps(PREP)}); setValue("#b-date", {json.dumps(day)});
             setValue("#b-start", {json.dumps(PREP_FROM)}); setValue("#b-end", {json.dumps(PREP_TO)});""", "李娜: fill 预订")
    b.act('submitButton("form[action$=\\"/bookings\\"]");', f"李娜: 预订 {ROOM} {PREP_FROM}–{PREP_TO}", flash=S["booked"],
          path=re.escape(room_path) + r"\?week=" + day)

    def day_blocks(date):
        """The bookings the grid shows on `date` (YYYY-MM-DD): the text of each block."""
        return b.js(f"""const d = Array.from(document.querySelectorAll(".week-day")).find((d) => d.querySelector(".week-day-head").textContent.trim().endsWith({json.dumps(date[5:])}));
                        if (!d) return null;
                        return Array.from(d.querySelectorAll(".booking")).map((x) => ({{text: x.textContent.replace(/\\s+/g, " ").trim(), placed: x.classList.contains("placed"),
                                                                                         top: x.style.top, height: x.style.height, cls: x.className}}));""")

    blocks = day_blocks(day)
    prep = next((x for x in blocks or [] if PREP in x["text"]), None)
    if not prep or f"{PREP_FROM}–{PREP_TO}" not in prep["text"] or "已预订" not in prep["text"] or "李娜" not in prep["text"] or not prep["placed"]:
        failures.append(f"the week grid does not show 李娜's {PREP} {PREP_FROM}–{PREP_TO} (已预订) on {day}: {blocks}")
    walk.shot("meetings-room-week.png")
    log(f"  李娜 booked {ROOM} {day} {PREP_FROM}–{PREP_TO} for {PREP}")

    # 2. 李娜: 新建会议, a 常务会 in the room; saved as draft, then 发通知.
    b.goto(base + "/meetings", "李娜: 会议")
    b.act("""const a = Array.from(document.querySelectorAll(".heading .toolbar a")).find((a) => a.textContent.trim() === "新建会议");
             if (!a) throw new Error("会议页面没有「新建会议」按钮"); a.click();""", "李娜: 新建会议", path=r"/meetings/new")
    b.js(f"""setValue("#title", {json.dumps(TITLE)});
             choose("#kind", (l) => l === "常务会", "常务会");
             if (need("#kind").value !== "standing") throw new Error("常务会 is not the kind standing but " + need("#kind").value);
             setValue("#date", {json.dumps(day)}); setValue("#start", {json.dumps(START)}); setValue("#end", {json.dumps(END)});
             choose("#venue", (l) => l === "本单位会议室", "本单位会议室");
             choose("#room", (l) => l.startsWith({json.dumps(ROOM)}), {json.dumps(ROOM)});
             choose("#host", (l) => l.startsWith({json.dumps(HOST + "（")}), {json.dumps(HOST)});
             setValue("#notes", {json.dumps(NOTES)});
             const agenda = {json.dumps(AGENDA)};
             const titles = document.querySelectorAll("input[name='agendaTitle[]']"), reporters = document.querySelectorAll("input[name='agendaReporter[]']"),
                   minutes = document.querySelectorAll("input[name='agendaMinutes[]']");
             if (titles.length < agenda.length) throw new Error("议程只有 " + titles.length + " 行");
             agenda.forEach(([t, r, m], i) => {{ titles[i].value = t; reporters[i].value = r; minutes[i].value = m; }});
             const units = {json.dumps(list(UNITS))};
             const unitSelects = document.querySelectorAll("select[name='unitIds[]']"), quotas = document.querySelectorAll("input[name='quotas[]']");
             if (unitSelects.length < units.length) throw new Error("参会单位只有 " + unitSelects.length + " 行");
             units.forEach((u, i) => {{ const o = Array.from(unitSelects[i].options).find((o) => o.textContent.trim() === u);
                                        if (!o) throw new Error("参会单位中没有" + u); unitSelects[i].value = o.value; quotas[i].value = {json.dumps(QUOTA)}; }});
             const services = {json.dumps(SERVICES)};
             Object.entries(services).forEach(([k, note]) => {{ const box = need("input[name='services[]'][value=" + k + "]"); box.checked = true;
               const noteInput = box.closest(".field-row").querySelector("input[name='serviceNotes[]']"); if (note) noteInput.value = note; }});""",
         "李娜: fill the meeting form")
    pick("#attendees", CALLED, "李娜: choose the attendees")
    pick("#rostrum", ROSTRUM, "李娜: choose the 主席台")
    b.act('submitButton("form.meeting-form");', "李娜: 保存 the meeting", flash=S["created"], path=MEETING_PATH)
    meeting_path = b.path()
    meeting_url = base + meeting_path
    shown = facts()
    if state_tag() != "草稿":
        failures.append(f"the new meeting shows the state 「{state_tag()}」, expected 草稿")
    if shown.get("会议类型") != "常务会" or f"{START}–{END}" not in (shown.get("时间") or "") or ROOM not in (shown.get("地点") or "") or shown.get("主持人") != HOST:
        failures.append(f"the new meeting's facts are not what was typed: {shown}")
    y, m, d = (int(x) for x in day.split("-"))
    if f"{y}年{m}月{d}日" not in (shown.get("时间") or ""):
        failures.append(f"the new meeting's 时间 「{shown.get('时间')}」 is not on {day}")
    listed = people()
    if sorted(listed) != sorted(CALLED) or not all("主席台" in listed[n]["first"] for n in ROSTRUM) or "主席台" in listed.get("王建国", {}).get("first", "主席台"):
        failures.append(f"the new meeting's 参会人员 are not 陈志强, 刘文华 (主席台) and 王建国: {listed}")
    page = main_text()
    for needle in [a[0] for a in AGENDA] + list(UNITS) + ["茶水", "桌签", SERVICES["nameCards"], NOTES]:
        if needle not in page:
            failures.append(f"the new meeting page does not show 「{needle}」")
    units_shown = b.js("""const h2 = Array.from(document.querySelectorAll("section.card h2")).find((h) => h.textContent.trim().startsWith("参会单位"));
                          return h2 ? Array.from(h2.parentElement.querySelectorAll("tbody tr")).map((r) => Array.from(r.querySelectorAll("td")).map((c) => c.textContent.trim())) : [];""") or []
    if sorted(units_shown) != sorted([[u, QUOTA, "待签收"] for u in UNITS]):
        failures.append(f"the 参会单位 table shows {units_shown}, expected {list(UNITS)} with 名额 {QUOTA}, 待签收")
    b.act('submitButton("form[action$=\\"/notify\\"]");', "李娜: 发通知", flash=S["notified"], path=re.escape(meeting_path))
    if state_tag() != "已通知":
        failures.append(f"after 发通知 the meeting shows the state 「{state_tag()}」, expected 已通知")
    log(f"  李娜 made {TITLE} ({meeting_path}) and sent the notice")

    # The room is taken then: a second meeting at 10:00 and a booking at 10:00 are refused, keeping what was typed.
    b.goto(base + "/meetings/new", "李娜: 新建会议 (a clash)")
    b.js(f"""setValue("#title", {json.dumps(CLASH_TITLE)}); choose("#kind", (l) => l === "专题会", "专题会");
             setValue("#date", {json.dumps(day)}); setValue("#start", "10:00"); setValue("#end", "11:00");
             choose("#room", (l) => l.startsWith({json.dumps(ROOM)}), {json.dumps(ROOM)});""", "李娜: fill a clashing meeting")
    pick("#attendees", ["王建国"], "李娜: choose 王建国")
    message = refused('submitButton("form.meeting-form");', "李娜: 保存 a meeting in the taken room")
    kept = b.js("""return {title: need("#title").value, kind: need("#kind").value, date: need("#date").value, start: need("#start").value, end: need("#end").value,
                           room: need("#room").selectedOptions[0].textContent.trim(),
                           attendees: Array.from(need("#attendees").selectedOptions).map((o) => o.textContent.trim())};""")
    if S["taken"] not in message or TITLE not in message and "09:00" not in message:
        failures.append(f"the clashing meeting is refused with 「{message}」, expected 「{S['taken']}（…）」 naming what holds the room")
    if (kept["title"], kept["kind"], kept["date"], kept["start"], kept["end"]) != (CLASH_TITLE, "topical", day, "10:00", "11:00") \
            or not kept["room"].startswith(ROOM) or [a.split("（")[0] for a in kept["attendees"]] != ["王建国"]:
        failures.append(f"the refused meeting form lost what was typed: {kept}")
    log(f"  a second meeting in {ROOM} at 10:00 is refused: 「{message}」")
    b.goto(base + room_path + "?week=" + day, f"李娜: {ROOM} (a clashing booking)")
    b.js(f"""setValue("#b-title", "临时碰头会"); setValue("#b-date", {json.dumps(day)}); setValue("#b-start", "10:00"); setValue("#b-end", "10:30");""",
         "李娜: fill a clashing booking")
    message = refused('submitButton("form[action$=\\"/bookings\\"]");', "李娜: 预订 the taken slot")
    kept = b.js('return [need("#b-title").value, need("#b-date").value, need("#b-start").value, need("#b-end").value];')
    if S["taken"] not in message:
        failures.append(f"the clashing booking is refused with 「{message}」, expected 「{S['taken']}」")
    if kept != ["临时碰头会", day, "10:00", "10:30"]:
        failures.append(f"the refused booking form lost what was typed: {kept}")
    blocks = day_blocks(day)
    if blocks is None:
        failures.append(f"the refused booking page shows a week without {day} (the week of what was typed)")
    elif not any(TITLE in x["text"] and f"{START}–{END}" in x["text"] for x in blocks):
        failures.append(f"the week grid does not show the meeting {START}–{END} on {day}: {blocks}")
    log(f"  a booking of {ROOM} at 10:00 is refused: 「{message}」")

    # 3. The counties' clerks: 单位报名 → 签收 → 报名.
    for username, name, unit in [("guoyn", "郭亚楠", "清河县人民政府"), ("caij", "蔡洁", "柳林区人民政府")]:
        walk.login(username, name)
        badge = None
        b.goto(base + "/meetings", f"{name}: 会议")
        badge = b.js('const a = document.querySelector("nav.tabs a[data-tab=invited] .badge"); return a ? a.textContent.trim() : null;')
        if not badge or not badge.isdigit() or int(badge) < 1:
            failures.append(f"{name}'s 单位报名 tab shows no count of meetings waiting for her unit (「{badge}」)")
        open_meeting_from_list("invited", name)
        panel = f"""const panel = Array.from(document.querySelectorAll("section.meeting-actions")).find((s) => s.querySelector("h2") && s.querySelector("h2").textContent.trim().startsWith({json.dumps(unit)}));
                    if (!panel) throw new Error("会议页面没有{unit}的签收/报名栏");"""
        heading = b.js(panel + 'return panel.querySelector("h2").textContent.replace(/\\s+/g, " ").trim();', f"{name}: the unit panel")
        if heading != f"{unit} · 待签收":
            failures.append(f"{name} sees the unit panel 「{heading}」, expected 「{unit} · 待签收」")
        b.act(panel + 'const f = panel.querySelector("form[action$=\\"/receive\\"]"); if (!f) throw new Error("没有「签收」按钮"); f.querySelector("button").click();',
              f"{name}: 签收", flash=S["received"], path=re.escape(meeting_path))
        select = b.js(panel + 'const s = panel.querySelector("select[name=\'attendees[]\']"); return "#" + s.id;', f"{name}: the 报名 list")
        label = b.js(f'return need("label[for=\\"{select[1:]}\\"]").textContent.replace(/\\s+/g, " ").trim();')
        if f"名额 {QUOTA}" not in label:
            failures.append(f"{name}'s 报名 list does not show the quota: 「{label}」")
        pick(select, UNITS[unit], f"{name}: choose {'、'.join(UNITS[unit])}")
        b.act(f'const s = need({json.dumps(select)}); const b = s.form.querySelector("button[type=submit]"); b.scrollIntoView({{block: "center"}}); b.click();',
              f"{name}: 报名参会人员", flash=S["named"], path=re.escape(meeting_path))
        heading = b.js(panel + 'return panel.querySelector("h2").textContent.replace(/\\s+/g, " ").trim();', f"{name}: the unit panel")
        if heading != f"{unit} · 已报名":
            failures.append(f"after 报名 {name} sees the unit panel 「{heading}」, expected 「{unit} · 已报名」")
        listed = people()
        for person in UNITS[unit]:
            row = listed.get(person)
            if not row or "由单位报名" not in row["unit"]:
                failures.append(f"after {name}'s 报名 the 参会人员 table shows {person} as {row}, expected a row 由单位报名")
        log(f"  {name} signed for {unit} and named {'、'.join(UNITS[unit])}")

    # 4. 回执: 徐慧敏 委派 胡晓, 王建国 请假, 陈志强 参加 on his phone.
    walk.login("xuhm", "徐慧敏")
    open_meeting_from_list("mine", "徐慧敏")
    reply("delegate", "徐慧敏", substitute=SUBSTITUTE)
    b.act('submitButton("form[action$=\\"/reply\\"]");', "徐慧敏: 委派", flash=S["replied"], path=re.escape(meeting_path))
    answer = my_answer()
    if "委派" not in answer or SUBSTITUTE not in answer:
        failures.append(f"徐慧敏's 回执 reads 「{answer}」, expected 委派 with {SUBSTITUTE}")
    listed = people()
    if SUBSTITUTE not in listed or "代替 徐慧敏" not in listed[SUBSTITUTE]["first"]:
        failures.append(f"the 参会人员 table does not show {SUBSTITUTE} standing in for 徐慧敏: {listed.get(SUBSTITUTE)}")

    walk.login("wangjg", "王建国")
    open_meeting_from_list("mine", "王建国")
    reply("leave", "王建国", reason="")
    message = refused('submitButton("form[action$=\\"/reply\\"]");', "王建国: 请假 without a reason", status=422)
    field = b.js('return text("form[action$=\\"/reply\\"] .field-error");')
    if field != "请假请填写事由。":
        failures.append(f"请假 without a reason says 「{message}」 / 「{field}」, expected 请假请填写事由。")
    reply("leave", "王建国", reason=LEAVE_REASON)
    b.act('submitButton("form[action$=\\"/reply\\"]");', "王建国: 请假", flash=S["replied"], path=re.escape(meeting_path))
    answer = my_answer()
    if "请假" not in answer or LEAVE_REASON not in answer:
        failures.append(f"王建国's 回执 reads 「{answer}」, expected 请假 · {LEAVE_REASON}")

    walk.login("chenzq", "陈志强")
    b.resize(*PHONE)
    open_meeting_from_list("mine", "陈志强")
    wide = b.js("return document.documentElement.scrollWidth;")
    if wide and wide > PHONE[0]:
        failures.append(f"the meeting page is {wide} px wide on a {PHONE[0]} px phone (it scrolls sideways)")
    reply("attend", "陈志强")
    bottom = b.js('window.scrollTo(0, 0); return need("form[action$=\\"/reply\\"] button[type=submit]").getBoundingClientRect().bottom;')
    if bottom > PHONE[1]:
        failures.append(f"on a {PHONE[0]}x{PHONE[1]} phone the 提交回执 button is below the first screen (at {bottom:.0f} px)")
    phone_shot("meetings-phone.png")
    b.act('submitButton("form[action$=\\"/reply\\"]");', "陈志强: 参加", flash=S["replied"], path=re.escape(meeting_path))
    answer = my_answer()
    if "参加" not in answer:
        failures.append(f"陈志强's 回执 reads 「{answer}」, expected 参加")
    b.resize(*walk.desktop)
    log("  回执: 徐慧敏 委派 胡晓, 王建国 请假, 陈志强 参加 (on a phone)")

    # 5. 李娜: 座次 by rank, the page, the 座次图 and the 席卡.
    walk.login("lina", "李娜")
    b.goto(meeting_url, "李娜: open the meeting")
    b.js("""const d = Array.from(document.querySelectorAll("details.action")).find((d) => d.querySelector("summary").textContent.trim() === "座次");
            if (!d) throw new Error("会议页面没有「座次」"); d.open = true;""", "李娜: open 座次")
    b.act('submitButton("form[action$=\\"/seats\\"]");', "李娜: 按职级自动排座", flash=S["arranged"], path=re.escape(meeting_path))
    listed = people()
    seats = {n: r["seat"] for n, r in listed.items()}
    if seats.get("陈志强") != "主席台 5 号" or seats.get("刘文华") != "主席台 6 号":
        failures.append(f"after 自动排座 陈志强 sits at 「{seats.get('陈志强')}」 and 刘文华 at 「{seats.get('刘文华')}」, expected 主席台 5 号 and 主席台 6 号")
    for n in ["王建国", "徐慧敏"]:
        if seats.get(n) not in ("—", None):
            failures.append(f"{n} (not coming) still has the seat 「{seats.get(n)}」")
    for n in ["杨帆", "肖红", "邓亮", SUBSTITUTE]:
        if not (seats.get(n) or "").startswith("第 1 排"):
            failures.append(f"{n} sits at 「{seats.get(n)}」, expected a seat in the first row of the hall")
    reply_of = {n: r["reply"] for n, r in listed.items()}
    if not reply_of.get("王建国", "").startswith("请假") or LEAVE_REASON not in reply_of.get("王建国", ""):
        failures.append(f"李娜 does not see 王建国's 请假 with its reason: 「{reply_of.get('王建国')}」")
    if not reply_of.get("徐慧敏", "").startswith("委派") or SUBSTITUTE not in reply_of.get("徐慧敏", ""):
        failures.append(f"李娜 does not see 徐慧敏's 委派 to {SUBSTITUTE}: 「{reply_of.get('徐慧敏')}」")
    log(f"  座次: 陈志强 {seats.get('陈志强')}, 刘文华 {seats.get('刘文华')}")
    walk.shot("meetings-page.png")

    b.act("""const a = Array.from(document.querySelectorAll(".heading .toolbar a")).find((a) => a.textContent.trim() === "打印座次图");
             if (!a) throw new Error("会议页面没有「打印座次图」"); a.click();""", "李娜: 打印座次图", path=re.escape(meeting_path) + r"/[a-z/-]+")
    chart = b.js("""return {title: text("h1"), stage: text(".stage"), rostrum: Array.from(document.querySelectorAll("table.rostrum td")).map((c) => c.textContent.replace(/\\s+/g, "")),
                            hall: Array.from(document.querySelectorAll("table.hall tr")).map((r) => Array.from(r.querySelectorAll("td.taken strong")).map((s) => s.textContent.trim())),
                            unseated: text(".unseated")};""")
    if chart["title"] != TITLE or len(chart["rostrum"]) != 9 or chart["rostrum"][4] != "5陈志强" or chart["rostrum"][5] != "6刘文华":
        failures.append(f"the 座次图 does not show {TITLE} with 陈志强 in the middle (5) of 9 rostrum seats and 刘文华 at 6: {chart['title']} / {chart['rostrum']}")
    if sorted(chart["hall"][0] if chart["hall"] else []) != sorted(["杨帆", "肖红", "邓亮", SUBSTITUTE]):
        failures.append(f"the 座次图's first row is {chart['hall'][:1]}, expected 杨帆, 肖红, 邓亮 and {SUBSTITUTE}")
    if chart["unseated"]:
        failures.append(f"the 座次图 lists people without a seat: 「{chart['unseated']}」")
    walk.shot("meetings-seat-chart.png")
    b.goto(meeting_url, "李娜: back to the meeting")
    b.act("""const a = Array.from(document.querySelectorAll(".heading .toolbar a")).find((a) => a.textContent.trim() === "打印席卡");
             if (!a) throw new Error("会议页面没有「打印席卡」"); a.click();""", "李娜: 打印席卡", path=re.escape(meeting_path) + r"/[a-z/-]+")
    cards = b.js('return Array.from(document.querySelectorAll(".name-card .front .card-name")).map((s) => s.textContent.trim());') or []
    if sorted(cards) != sorted(["陈志强", "刘文华", "杨帆", "肖红", "邓亮", SUBSTITUTE]):
        failures.append(f"the 席卡 are for {cards}, expected everyone coming (not 王建国 on leave nor 徐慧敏 who sent 胡晓)")
    walk.shot("meetings-name-cards.png")

    # 6. 代签到 for two people.
    b.goto(meeting_url, "李娜: back to the meeting")
    for person in TICKED:
        b.act(f"""const r = Array.from(document.querySelectorAll("table.meeting-people tbody tr")).find((r) => r.querySelector("td").childNodes[0].textContent.trim() === {json.dumps(person)});
                  if (!r) throw new Error("参会人员中没有{person}");
                  const btn = Array.from(r.querySelectorAll("form button")).find((x) => x.textContent.trim() === "代签到");
                  if (!btn) throw new Error("{person}一行没有「代签到」"); btn.scrollIntoView({{block: "center"}}); btn.click();""",
              f"李娜: 代签到 {person}", flash=S["signed"], path=re.escape(meeting_path))
    counts = b.js("""const h2 = Array.from(document.querySelectorAll("section.card h2")).find((h) => h.textContent.trim() === "参会人员");
                     return h2 ? h2.parentElement.querySelector(".hint").textContent.replace(/\\s+/g, " ").trim() : "";""") or ""
    if not re.search(r"已签到 2(\D|$)", counts):
        failures.append(f"after two 代签到 the counts read 「{counts}」, expected 已签到 2")
    signed = [n for n, r in people().items() if r["sign"].startswith("已签到")]
    if sorted(signed) != sorted(TICKED):
        failures.append(f"the 参会人员 table shows {signed} as 已签到, expected {TICKED}")
    log(f"  代签到 {'、'.join(TICKED)}: 「{counts}」")

    # 7. 起草纪要: the 纪要 draft with its lists.
    b.act('submitButton("form[action$=\\"/minutes\\"]");', "李娜: 起草纪要", flash=S["minutes"], path=r"/outgoing/[0-9A-Fa-f-]+/edit")
    draft = b.js("""return {title: need("#title").value, kind: need("#kind").selectedOptions[0].textContent.trim(), body: need("#body").value,
                            attendees: need("#attendees").value, onLeave: need("#onLeave").value, observers: need("#observers").value,
                            open: need("#attendees").closest("details").open};""")
    if draft["title"] != TITLE + "纪要" or draft["kind"] != "纪要":
        failures.append(f"the 纪要 draft is 「{draft['title']}」 of 文种 「{draft['kind']}」, expected {TITLE}纪要 / 纪要")
    if not draft["open"]:
        failures.append("the 纪要 draft's 出席/请假/列席 section is closed")
    if "陈志强" not in draft["attendees"]:
        failures.append(f"the 纪要's 出席 is 「{draft['attendees']}」, expected 陈志强 (signed in)")
    if "王建国" not in draft["onLeave"] or LEAVE_REASON not in draft["onLeave"]:
        failures.append(f"the 纪要's 请假 is 「{draft['onLeave']}」, expected 王建国（{LEAVE_REASON}）")
    if "杨帆" not in draft["observers"]:
        failures.append(f"the 纪要's 列席 is 「{draft['observers']}」, expected 杨帆 (named by 清河县, signed in)")
    for item in AGENDA:
        if item[0] not in draft["body"]:
            failures.append(f"the 纪要's text does not list the 议题 「{item[0]}」")
    b.js('need("#attendees").scrollIntoView({block: "center"});')
    walk.shot("meetings-minutes.png")
    log(f"  纪要 drafted: 出席 {draft['attendees']!r}, 列席 {draft['observers']!r}, 请假 {draft['onLeave']!r}")
    b.goto(meeting_url, "李娜: back to the meeting")
    if not b.js('return Array.from(document.querySelectorAll("section.card a")).some((a) => a.textContent.trim() === "查看纪要（发文）");'):
        failures.append("after 起草纪要 the meeting page offers no 查看纪要（发文） link")
    log("  会议: booking, 新建/发通知, clash refused, 签收/报名, 回执, 座次, 座次图, 席卡, 签到 and 纪要 walked through")
    return failures
