"""The second half of the walkthrough: the dispatched 通知 through 公文交换 to three counties and one county's 收文.

清河县 (郭亚楠) signs for it, 柳林区 (蔡洁) refuses it with a reason, 东山县 (阎静) signs for it; 赵敏 sees the
receipts; 清河县 handles it: 登记, 初审, 拟办 (胡晓 picks 徐慧敏), 批办 (主办 秘书股, 协办 综合股, a deadline),
承办 (胡晓 reports the result, 邓华 assists), 传阅 (杨帆 reads and comments), 办结; then 郭亚楠 chases the
demo's overdue 拟办 from 逾期事项 and 胡晓 finds the 催办 under 消息. Screenshots: inbox.png (待签收),
receipts.png (回执), incoming-form.png (收文处理笺), overdue.png (逾期事项), incoming-phone.png (a 承办 task at
phone width).
"""
import datetime
import json

REFUSAL = "本件应主送区政府办公室，请更正主送机关后重新发送。"
CHECK_OPINION = "属本单位办理，符合行文规定。"
PROPOSAL = "拟请秘书股牵头、综合股配合，按通知要求做好元旦值班工作。"
INSTRUCTION = "同意拟办意见。请秘书股牵头落实，元旦前报值班安排。"
RESULT = "已落实领导带班和24小时值班，值班表已报市政府办公室。"
ASSIST = "已配合做好值班后勤保障。"
READ_COMMENT = "已阅。"
CHASE = "请今天下班前提出拟办意见。"
OVERDUE_TITLE = "关于报送冬春火灾防控工作方案的函"  # DemoCity.seedIncoming


def run(walk, title, WalkError, log):  # noqa: N803 - the caller's exception class
    """`walk` is the Walkthrough with its browser, signed-in helpers and screenshot; `title` the dispatched 通知;
    `WalkError` and `log` the caller's (so a failure here is reported like any other)."""
    b, base = walk.b, walk.base
    failures = []

    def open_delivery(who):
        b.goto(base + "/exchange", f"{who}: open 公文交换")
        b.act(f"""const a = Array.from(document.querySelectorAll("table.deliveries td a")).find((a) => a.textContent.trim() === {json.dumps(title)});
                  if (!a) throw new Error("待签收中没有这份通知"); a.click();""", f"{who}: open the delivery", path=r"/exchange/deliveries/[0-9A-Fa-f-]+")

    # 清河县: 待签收, then 签收.
    walk.login("guoyn", "郭亚楠")
    b.goto(base + "/exchange", "郭亚楠: open 待签收")
    waiting = b.js(f"""const row = Array.from(document.querySelectorAll("table.deliveries tbody tr")).find((r) => r.textContent.includes({json.dumps(title)}));
                       return row ? row.lastElementChild.textContent.trim() : null;""")
    if not waiting:
        raise WalkError("郭亚楠's 待签收 does not list the dispatched notice")
    walk.shot("inbox.png")
    log(f"  待签收: waiting {waiting}")
    open_delivery("郭亚楠")
    b.act('submitButton("form[action$=\\"/accept\\"]");', "郭亚楠: 签收", flash="已签收，已登记为收文。", path=r"/incoming/[0-9A-Fa-f-]+")
    number = b.js('const dt = Array.from(document.querySelectorAll("dl.facts dt")).find((d) => d.textContent.trim() === "收文编号"); return dt ? dt.nextElementSibling.textContent.trim() : null;')
    log(f"  清河县 signed for it: {number}")

    # 柳林区 refuses it with a reason.
    walk.login("caij", "蔡洁")
    open_delivery("蔡洁")
    b.js(f'document.querySelector("details.action").open = true; setValue("#reason", {json.dumps(REFUSAL)});', "蔡洁: type the reason")
    b.act('submitButton("form[action$=\\"/refuse\\"]");', "蔡洁: 拒收退回", flash="已拒收，来文单位会收到退回理由。", path=r"/exchange")

    # 东山县 signs for it.
    walk.login("yanj", "阎静")
    open_delivery("阎静")
    b.act('submitButton("form[action$=\\"/accept\\"]");', "阎静: 签收", flash="已签收，已登记为收文。", path=r"/incoming/[0-9A-Fa-f-]+")

    # 赵敏 sees every receipt.
    walk.login("zhaom", "赵敏")
    b.goto(f"{base}/outgoing/{walk.doc_id}/receipts", "赵敏: open 分发回执")
    walk.shot("receipts.png")
    receipts = b.js('return text("table.receipts") || "";')
    for needle in ["清河县人民政府", "柳林区人民政府", "东山县人民政府", "已签收", "已退回", REFUSAL, "郭亚楠", "阎静"]:
        if needle not in receipts:
            failures.append(f"the receipts do not show 「{needle}」")
    if "已签收2个，已退回1个" not in (b.js('return document.querySelector("main").textContent;') or ""):
        failures.append("the receipts do not count 2 signed and 1 refused")

    # 清河县 handles it.
    walk.login("guoyn", "郭亚楠")
    walk.open_task("登记")
    walk.complete("登记")
    walk.open_task("初审")
    walk.complete("初审", opinion=CHECK_OPINION, outcome="approve")

    walk.login("hux", "胡晓")
    walk.open_task("拟办")
    b.js('return choose("form#complete select[name=nextAssignee]", (l) => l.startsWith("徐慧敏"), "徐慧敏");', "胡晓: choose 徐慧敏")
    walk.complete("拟办", opinion=PROPOSAL)

    walk.login("xuhm", "徐慧敏")
    walk.open_task("批办")
    deadline = (datetime.date.today() + datetime.timedelta(days=14)).isoformat()
    b.js(f"""choose("#choice-leadDepartment", (l) => l === "秘书股", "秘书股");
             const assist = need("#choice-assistDepartments"); Array.from(assist.options).forEach((o) => {{ o.selected = o.textContent.trim() === "综合股"; }});
             setValue("#choice-deadline", {json.dumps(deadline)});""", "徐慧敏: 主办、协办和期限")
    b.resize(*walk.phone)
    walk.shot("task-instruct-phone.png")
    walk.complete("批办", opinion=INSTRUCTION)

    walk.login("hux", "胡晓")
    b.resize(*walk.phone)
    walk.open_task("承办")
    role = b.js('return text(".incoming-panel .hint");')
    if not role or "主办" not in role:
        failures.append(f"胡晓's 承办 task does not say he leads it (「{role}」)")
    b.js(f'setValue("form#complete #opinion", {json.dumps(RESULT)});', "胡晓: report the result")
    walk.shot("incoming-phone.png")
    walk.complete("承办")
    b.resize(*walk.desktop)

    walk.login("dengh", "邓华")
    walk.open_task("承办")
    walk.complete("承办", opinion=ASSIST)

    # 传阅 from the document, then 办结.
    walk.login("guoyn", "郭亚楠")
    incoming_url = walk.open_task("办结")
    b.act("""const a = Array.from(document.querySelectorAll(".incoming-panel a")).find((a) => a.textContent.trim() === "收文");
             if (!a) throw new Error("任务页没有「收文」链接"); a.click();""", "郭亚楠: open the document", path=r"/incoming/[0-9A-Fa-f-]+")
    document_url = b.url()
    b.js("""document.querySelectorAll("details.action").forEach((d) => { d.open = true; });
            const readers = need("#readers"); Array.from(readers.options).forEach((o) => { o.selected = o.textContent.trim() === "杨帆"; });
            if (!readers.selectedOptions.length) throw new Error("阅件人中没有杨帆");""",
         "郭亚楠: choose 杨帆 to read")
    b.act('submitButton("form[action$=\\"/circulate\\"]");', "郭亚楠: 传阅", flash="已送传阅。")

    walk.login("yangf", "杨帆")
    b.goto(base + "/tasks?tab=unread", "杨帆: open 待阅")
    b.act(f"""const a = Array.from(document.querySelectorAll("main a")).find((a) => a.textContent.trim() === {json.dumps(title)});
              if (!a) throw new Error("待阅中没有这份通知"); a.click();""", "杨帆: open the item", path=r"/circulations/[0-9A-Fa-f-]+")
    b.js(f'setValue("#comment", {json.dumps(READ_COMMENT)});', "杨帆: comment")
    b.act('submitButton("form[action$=\\"/read\\"]");', "杨帆: 阅毕")

    walk.login("guoyn", "郭亚楠")
    b.goto(incoming_url, "郭亚楠: back to 办结")
    walk.complete("办结")
    b.goto(document_url, "郭亚楠: the closed document")
    status = b.js('const dt = Array.from(document.querySelectorAll("dl.facts dt")).find((d) => d.textContent.trim() === "状态"); return dt ? dt.nextElementSibling.textContent.trim() : null;')
    if not status or "已办结" not in status:
        failures.append(f"the incoming document shows 状态 「{status}」, expected 已办结")
    b.goto(document_url + "/form", "郭亚楠: open 收文处理笺")
    walk.shot("incoming-form.png")
    form_text = b.js('return text(".processing-form") || "";')
    for needle in ["清河县人民政府办公室收文处理笺", CHECK_OPINION, PROPOSAL, INSTRUCTION, RESULT, ASSIST, READ_COMMENT, "胡晓", "徐慧敏", "邓华", "杨帆"]:
        if needle not in form_text:
            failures.append(f"the 收文处理笺 does not contain 「{needle}」")

    # 逾期事项 and 催办.
    b.goto(base + "/workflow/overdue", "郭亚楠: open 逾期事项")
    walk.shot("overdue.png")
    b.act(f"""const row = Array.from(document.querySelectorAll("table.overdue tbody tr")).find((r) => r.textContent.includes({json.dumps(OVERDUE_TITLE)}));
              if (!row) throw new Error("逾期事项中没有「{OVERDUE_TITLE}」"); row.querySelector("a").click();""", "郭亚楠: open the overdue task",
          path=r"/tasks/[0-9A-Fa-f-]+")
    b.js(f'setValue("#remind-note", {json.dumps(CHASE)});', "郭亚楠: type the 催办 message")
    b.act('submitButton("form[action$=\\"/remind\\"]");', "郭亚楠: 催办", flash="已催办。")
    walk.login("hux", "胡晓")
    b.goto(base + "/notifications", "胡晓: open 消息")
    notices = b.js('return text("main") || "";')
    if CHASE not in notices:
        failures.append("胡晓's 消息 do not show the 催办 message")
    log(f"  收文 {number} handled and closed; the overdue 拟办 was chased")
    return failures
