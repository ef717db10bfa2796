"""The 领导日程 part of the walkthrough: 黄磊 (市政府办公室秘书一科, 领导日程管理员) enters an activity for 陈志强 on next
Monday morning, where the demo already has his 常务会议: the form names the clash and saves only once he confirms it; he
publishes next week's 领导周活动安排 and opens its print view; 李娜 of the office then reads the week; 陈志强 finds the
activity in his 日程 on a phone; 郭亚楠 of 清河县 gets 404 for the city's week.
Screenshots: schedule-week.png, schedule-print.png, schedule-calendar-phone.png."""
import datetime
import json

CONTENT = "听取全市重点项目推进情况汇报"
CLASH = "主持召开市政府第39次常务会议"  # DemoCity.seedLeaderSchedule, next Monday 09:00–12:00


def next_monday():
    """Next week's Monday in 江北市 (China time)."""
    today = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8))).date()
    return (today - datetime.timedelta(days=today.weekday()) + datetime.timedelta(days=7)).isoformat()


def run(walk, WalkError, log):  # noqa: N803 - the caller's exception class
    b, base = walk.b, walk.base
    failures = []
    monday = next_monday()

    walk.login("huangl", "黄磊")
    b.goto(base + "/schedules", "黄磊: 领导周活动安排")
    unit = b.js('return document.querySelector("#unit").value;')
    b.goto(f"{base}/schedules/activities/new?unit={unit}&day={monday}", "黄磊: 录入活动")
    fill = f"""choose("#leader", (t) => t.startsWith("陈志强"), "陈志强"); setValue("#day", {json.dumps(monday)});
               setValue("#period", "timed"); setValue("#startTime", "10:00"); setValue("#endTime", "11:00");
               setValue("#kind", "meeting"); setValue("#content", {json.dumps(CONTENT)}); setValue("#place", "市政府第二会议室");"""
    b.cdp.events.clear()
    b.js(fill + 'submitButton("form.schedule-form");', "黄磊: save the clashing activity")
    status = b._wait_load("黄磊: save the clashing activity")
    clash = b.js('return {box: text(".clash-box"), content: document.querySelector("#content").value, confirm: !!document.querySelector("input[name=confirm]")};')
    if status != 409 or not clash["box"] or CLASH not in clash["box"] or clash["content"] != CONTENT or not clash["confirm"]:
        raise WalkError(f"the clash was not shown before saving: HTTP {status}, {clash}")
    log(f"  clash shown: {clash['box']}")
    b.act('document.querySelector("input[name=confirm]").checked = true; submitButton("form.schedule-form");', "黄磊: save anyway",
          flash="活动已录入。", path=r"/schedules\?unit=.*")
    if b.js('return text("h1");') != "领导周活动安排" or CONTENT not in (b.js('return text("table.schedule-week");') or ""):
        failures.append("the week table does not show the new activity")
    b.act('submitButton("form[action=\\"/schedules/publish\\"]");', "黄磊: 发布 next week", flash="本周活动安排已发布。")
    walk.shot("schedule-week.png")
    b.resize(1123, 794)
    b.goto(f"{base}/schedules/print?unit={unit}&week={monday}", "黄磊: 打印")
    walk.shot("schedule-print.png")
    b.resize(*walk.desktop)
    # The print view is a sheet of its own, without the navigation (or its 退出).
    b.goto(f"{base}/schedules?unit={unit}&week={monday}", "黄磊: back to the week")

    walk.login("lina", "李娜")
    b.goto(f"{base}/schedules?unit={unit}&week={monday}", "李娜: 领导周活动安排")
    if CONTENT not in (b.js('return text("table.schedule-week");') or ""):
        failures.append("李娜 does not see the published week")

    walk.login("chenzq", "陈志强")
    b.resize(*walk.phone)
    b.goto(f"{base}/calendar?view=week&date={monday}", "陈志强: 日程 on a phone")
    walk.shot("schedule-calendar-phone.png")
    if CONTENT not in (b.js('return text(".calendar");') or ""):
        failures.append("陈志强's 日程 does not show the activity")
    b.resize(*walk.desktop)

    walk.login("guoyn", "郭亚楠")
    status = b.js(f'return fetch("/schedules?unit={unit}&week={monday}").then((r) => r.status);', "郭亚楠: the city's week")
    if status != 404:
        failures.append(f"郭亚楠 of 清河县 got HTTP {status} for the city's week, expected 404")
    log(f"  outsider: HTTP {status}")
    return failures
