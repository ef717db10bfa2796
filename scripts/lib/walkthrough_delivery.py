"""The message delivery part of the walkthrough. The demo runs with a real SMS gateway (scripts/lib/sms_gateway.py, which
checks the signature and reports delivery back) and a real mail server (scripts/lib/smtp_sink.py: aiosmtpd with STARTTLS
and a login) that walkthrough.py started; earlier in the run 郭亚楠 chased 胡晓's overdue 拟办 (催办). Here: that
reminder has reached 胡晓's phone number at the gateway and his mailbox at the mail server; the gateway's delivery report
turned it 已送达 in 清河县政府办's 消息发送记录; 胡晓 sets his 提醒方式 on a phone (the form keeps a wrong time); the
administrator sees the log and the monthly volumes. Screenshots: delivery-preferences-phone.png, delivery-log.png,
delivery-log-phone.png, delivery-settings.png."""
import json
import time

HU_PHONE = "13800000103"
HU_MAIL = "hux@qh.gov.example"
CHASE_WORD = "催办"


def wait_for(read, test, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = [line for line in read() if test(line)]
        if found:
            return found
        time.sleep(0.3)
    return []


def run(walk, WalkError, log, gateway, sink):  # noqa: N803 - the caller's exception class
    b, base = walk.b, walk.base
    failures = []

    # 1. The 催办 of 胡晓's overdue 拟办 left the platform by both channels.
    texts = wait_for(gateway.received, lambda m: m.get("phone") == HU_PHONE and CHASE_WORD in m.get("text", ""))
    if not texts:
        failures.append(f"no 催办 SMS for {HU_PHONE} reached the gateway; it received: {[(m.get('phone'), m.get('text')) for m in gateway.received()][-5:]}")
    else:
        log(f"  gateway: {texts[0]['text']} → {texts[0]['phone']} (Idempotency-Key {texts[0]['idempotencyKey'][:8]}…)")
    mails = wait_for(sink.received, lambda m: HU_MAIL in m.get("to", []) and CHASE_WORD in m.get("subject", ""))
    if not mails:
        failures.append(f"no 催办 mail for {HU_MAIL} reached the mail server; it received: {[(m.get('to'), m.get('subject')) for m in sink.received()][-5:]}")
    else:
        mail = mails[0]
        log(f"  mail server: 「{mail['subject']}」 → {mail['to']} (STARTTLS {mail['tls']}, login {mail['authenticated']})")
        if not (mail["tls"] and mail["authenticated"]):
            failures.append("the mail was not sent over STARTTLS with a login")
        if base + "/tasks/" not in mail.get("body", ""):
            failures.append(f"the mail does not link to the task on {base}: {mail.get('body')!r}")

    # 2. 胡晓 on a phone: 提醒方式. A wrong time comes back as typed; then 会议 by SMS on, quiet from 22:00.
    walk.login("hux", "胡晓")
    b.resize(*walk.phone)
    b.goto(base + "/me/notification-preferences", "胡晓: 提醒方式")
    b.js('setValue("#quietFrom", "晚上十点"); need("input[name=sms_meeting]").checked = true;', "胡晓: a wrong time")
    b.cdp.events.clear()
    b.js('submitButton("form[action=\\"/me/notification-preferences\\"]");', "胡晓: save with a wrong time")
    status = b._wait_load("胡晓: save with a wrong time")
    kept = b.js('return {from: need("#quietFrom").value, meeting: need("input[name=sms_meeting]").checked, error: text(".field-error")};')
    if status != 422 or kept["from"] != "晚上十点" or not kept["meeting"] or "00:00" not in (kept["error"] or ""):
        failures.append(f"the wrong time was not refused with what was typed kept: HTTP {status}, {kept}")
    b.js('setValue("#quietFrom", "22:00");', "胡晓: a right time")
    b.act('submitButton("form[action=\\"/me/notification-preferences\\"]");', "胡晓: save 提醒方式", flash="提醒方式已保存。",
          path=r"/me/notification-preferences")
    walk.shot("delivery-preferences-phone.png")
    saved = b.js('return {from: need("#quietFrom").value, meeting: need("input[name=sms_meeting]").checked, '
                 'alert: need("input[name=sms_alertMajor]").disabled};')
    if saved != {"from": "22:00", "meeting": True, "alert": True}:
        failures.append(f"提醒方式 after saving: {saved} (expected 22:00, 会议 by SMS, 重大预警 fixed on)")
    b.resize(*walk.desktop)

    # 3. The administrator: 清河县政府办's message log, with the 催办 delivered (the gateway's report came back).
    walk.login("admin", "吴涛")
    b.goto(base + "/admin/units", "admin: 单位")
    href = b.js("""const row = Array.from(document.querySelectorAll("table.list tbody tr")).find((r) => r.textContent.includes("清河县人民政府办公室"));
                   if (!row) throw new Error("单位列表中没有清河县人民政府办公室");
                   const a = Array.from(row.querySelectorAll("a")).find((a) => a.textContent.trim() === "消息发送记录");
                   if (!a) throw new Error("没有消息发送记录链接"); return a.getAttribute("href");""", "admin: find the log link")
    delivered = []
    for _ in range(30):
        b.goto(base + href + "?channel=sms", "admin: 消息发送记录 (短信)")
        rows = b.js("""return Array.from(document.querySelectorAll("table.message-log tbody tr")).map((r) =>
                          Array.from(r.cells).map((c) => c.textContent.replace(/\\s+/g, " ").trim()));""")
        delivered = [r for r in rows if r[1] == "催办" and r[2] == "胡晓" and r[5].startswith("已送达")]
        if delivered:
            break
        time.sleep(0.5)
    if not delivered:
        failures.append(f"the 催办 to 胡晓 is not 已送达 in the log; first rows: {rows[:3]}")
    if any(CHASE_WORD + "：" in " ".join(r) for r in rows):
        failures.append("the log shows a message's text; it must name only the kind")
    months = b.js('return Array.from(document.querySelectorAll("section.card:first-of-type table tbody tr")).length;')
    if months != 12:
        failures.append(f"the monthly volumes show {months} months, expected 12")
    walk.shot("delivery-log.png")
    b.resize(*walk.phone)
    walk.shot("delivery-log-phone.png")
    b.resize(*walk.desktop)
    b.goto(base + href.replace("/messages", "/delivery"), "admin: 消息发送设置")
    shown = b.js('return {mail: need("input[name=emailAllowed]").checked, digest: need("#digestTime").value, sms: text(".card .help")};')
    if not shown["mail"] or shown["digest"] != "08:30" or "已配置" not in (shown["sms"] or ""):
        failures.append(f"the delivery settings page shows {shown}")
    walk.shot("delivery-settings.png")
    log(f"  log: 催办 to 胡晓 {'已送达' if delivered else 'NOT delivered'}; settings {shown['digest']}")
    return failures
