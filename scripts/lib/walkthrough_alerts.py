"""The 预警 part of the walkthrough: 邓华 (清河县政府办综合股, 预警发布员 over the county) sends a 重大预警 to every 乡镇 of
清河县 (everyone under each 乡镇) — first with a body over the SMS limit, which comes back with what he typed — and lands
on its status page; 唐欣 (城关镇) confirms from the top of her 工作台, 曹阳 (石桥镇) on a phone from the alert page; 邓华
then sees who has not confirmed, with their phones, and sends again to them only; 李娜 of the city gets 404.
Screenshots: alert-form.png, alert-status.png, alert-recipient-phone.png, alert-status-phone.png."""
import json

TITLE = "山洪灾害红色预警"
BODY = "县水利局、气象台联合发布山洪灾害红色预警：今晚至明天白天我县山区有特大暴雨，请各乡镇立即转移山洪危险区群众，落实专人值守，险情及时报告。"
TOWNSHIPS = ["城关镇人民政府", "石桥镇人民政府"]


def run(walk, WalkError, log):  # noqa: N803 - the caller's exception class
    b, base = walk.b, walk.base
    failures = []

    walk.login("dengh", "邓华")
    b.goto(base + "/alerts/new", "邓华: 发布预警")
    fill = f"""setValue("#title", {json.dumps(TITLE)}); setValue("#level", "major"); setValue("#category", "geological");
               const trees = need("#unitTrees");
               const names = {json.dumps(TOWNSHIPS)};
               let chosen = 0;
               Array.from(trees.options).forEach((o) => {{ o.selected = names.includes(o.textContent.trim()); if (o.selected) chosen++; }});
               if (chosen !== names.length) throw new Error("接收单位中没有全部乡镇：" + Array.from(trees.options).map((o) => o.textContent.trim()).join(" | "));"""
    # Too long for an SMS first: the form comes back, as typed, with the count.
    b.js(fill + f'setValue("#body", {json.dumps(BODY * 5)});', "邓华: fill the form with a long body")
    b.cdp.events.clear()
    b.js('submitButton("form.alert-form");', "邓华: send the long one")
    status = b._wait_load("邓华: send the long one")
    refused = b.js('return {error: text(".field-error"), body: need("#body").value, kept: Array.from(need("#unitTrees").selectedOptions).length};')
    if status != 422 or "300" not in (refused["error"] or "") or refused["body"] != BODY * 5 or refused["kept"] != 2:
        raise WalkError(f"the over-long body was not refused with what was typed kept: HTTP {status}, {refused}")
    log(f"  refused as typed: {refused['error']}")
    b.js(f'setValue("#body", {json.dumps(BODY)});', "邓华: shorten the body")
    walk.shot("alert-form.png")
    b.act('submitButton("form.alert-form");', "邓华: 发布预警", flash="预警已发布。", path=r"/alerts/[0-9A-Fa-f-]+")
    alert_path = b.path()
    total = b.js('return text(".alert-figures .figure dd");')
    log(f"  sent {alert_path}, 应收 {total}")

    # 唐欣 confirms from the top of her desk.
    walk.login("tangx", "唐欣")
    b.goto(base + "/", "唐欣: 工作台")
    first = b.js('return document.querySelector(".desk-block") ? document.querySelector(".desk-block").dataset.block : null;')
    if first != "alerts":
        failures.append(f"唐欣's desk does not begin with the 预警 block (first block: {first})")
    b.act(f'submitButton(".desk-block[data-block=alerts] form[action=\\"{alert_path}/confirm\\"]");', "唐欣: 确认收到 on the desk",
          flash="已确认收到。", path=r"/")

    # 曹阳 on a phone, from the alert page (as the SMS link opens it).
    walk.login("caoy", "曹阳")
    b.resize(*walk.phone)
    b.goto(base + alert_path, "曹阳: the alert on a phone")
    walk.shot("alert-recipient-phone.png")
    b.act('submitButton("form.alert-confirm");', "曹阳: 确认收到", flash="已确认收到。", path=alert_path)
    if "您已确认收到" not in (b.js('return text(".alert-done");') or ""):
        failures.append("曹阳's alert page does not say it was confirmed")
    b.resize(*walk.desktop)

    # 邓华 sees who has not confirmed and sends again to them.
    walk.login("dengh", "邓华")
    b.goto(base + alert_path, "邓华: status")
    missing = b.js('return Array.from(need("table.alert-people").querySelectorAll("tbody tr")).map((r) => r.cells[0].textContent.trim());')
    log(f"  not confirmed: {missing}")
    if "唐欣" in missing or "曹阳" in missing or not {"宋涛", "韩冰"} <= set(missing):
        failures.append(f"the unconfirmed list is wrong: {missing}")
    b.act('submitButton("form[action$=\\"/resend\\"]");', "邓华: 再次发送", flash="已向 2 位未确认的人员再次发送。", path=alert_path)
    walk.shot("alert-status.png")
    b.resize(*walk.phone)
    b.goto(base + alert_path, "邓华: status on a phone")
    walk.shot("alert-status-phone.png")
    b.resize(*walk.desktop)
    rounds = b.js('return Array.from(document.querySelectorAll("table.alert-rounds tbody tr")).length;')
    if rounds != 2:
        failures.append(f"the status page lists {rounds} rounds, expected 2")

    walk.login("lina", "李娜")
    status = b.js(f'return fetch("{alert_path}").then((r) => r.status);', "李娜: the alert")
    if status != 404:
        failures.append(f"李娜 of the city got HTTP {status} for 清河县's alert, expected 404")
    log(f"  outsider: HTTP {status}")
    return failures
