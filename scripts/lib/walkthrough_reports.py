"""The 信息报送 part of the walkthrough, as functions the lead calls in order with the walkthrough (`ctx`: its
`b` browser, `base`, `login`, `shot`, `phone`, `desktop`):

- submit_three(ctx): 郭亚楠 (清河县政府办), 蔡洁 (柳林区政府办) and 阎静 (东山县政府办) each write a 信息 to 江北市人民政府办公室
  and send it for their unit's review; 胡晓, 冯晓宇 and 叶青 approve it on their task page.
- adopt_and_return(ctx): 黄磊 (信息编辑 of 市政府办公室) adopts 清河县's as 刊物采用 and 东山县's as 市级采用 and returns 柳林区's.
- resubmit(ctx): 蔡洁 revises it and 重新报送; 黄磊 adopts version 2 as 刊物采用.
- ranking(ctx): the month's ranking shows the points; screenshots reports-inbox.png and reports-ranking.png (desktop) and
  reports-mine-phone.png (蔡洁's list at 375 px).

Runnable on its own against a running demo: `python3 walkthrough_reports.py BASE_URL OUTDIR`."""
import json
import os
import re
import sys
import time

STAMP = time.strftime("%H%M%S")
ITEMS = {  # username: (name, reviewer username, reviewer name, title, body)
    "guoyn": ("郭亚楠", "hux", "胡晓", f"清河县推行“就近办”便民服务（{STAMP}）", "清河县在15个乡镇设立便民服务站。\n今年以来办件4.2万件。"),
    "caij": ("蔡洁", "fengxy", "冯晓宇", f"柳林区推进老旧管网改造（{STAMP}）", "柳林区今年改造老旧管网38公里。"),
    "yanj": ("阎静", "yeq", "叶青", f"东山县做好冬季森林防火（{STAMP}）", "东山县组建专业扑火队伍12支。\n开展防火巡查1800余人次。"),
}
EDITOR = ("huangl", "黄磊")
REASON = "请补充改造惠及的居民户数。"
REVISED = "柳林区今年改造老旧管网38公里，惠及居民1.2万户。\n改造后供水漏损率下降5个百分点。"
S = {"created": "信息已保存为草稿。", "review": "已送本单位审核，审核同意后自动报送。", "adopted": "已采用。",
     "returned": "已退回，信息员将修改后重报。", "resubmitted": "已重新报送。", "saved": "已保存。", "submitted": "已提交。"}
REPORT_PATH = r"/reports/[0-9A-Fa-f-]+"


class ReportsError(Exception):
    pass


def _open_report(ctx, title):
    """From the current list page, follow the link titled `title`."""
    ctx.b.act(f"""const a = Array.from(document.querySelectorAll("table.reports-list a")).find((x) => x.textContent.trim() === {json.dumps(title)});
                  if (!a) throw new Error("列表中没有「" + {json.dumps(title)} + "」");
                  a.click();""", f"open 「{title}」", path=REPORT_PATH)


def _approve_review(ctx, title):
    """The reviewer opens the 本单位审核 task of `title` from 待办 and approves it."""
    ctx.b.goto(ctx.base + "/tasks", "open 待办")
    ctx.b.act(f"""const a = Array.from(document.querySelectorAll("table.tasks tbody tr td a")).find((x) => x.textContent.trim() === {json.dumps(title)});
                  if (!a) throw new Error("待办中没有「" + {json.dumps(title)} + "」");
                  a.click();""", f"open the review task of 「{title}」", path=r"/tasks/[0-9A-Fa-f-]+")
    if ctx.b.js('return !!document.querySelector("form[action$=\\"/claim\\"]");'):
        ctx.b.act('submitButton("form[action$=\\"/claim\\"]");', "claim the review task")
    if not ctx.b.js(f'return document.body.textContent.includes({json.dumps(title)});'):
        raise ReportsError(f"the task page does not show the report 「{title}」")
    ctx.b.js('need("form#complete input[name=outcome][value=approve]").click(); setValue("form#complete #opinion", "同意报送。");', "fill the review")
    ctx.b.act('submitButton("form#complete");', "approve the review", flash=S["submitted"], path=r"/tasks")


def submit_three(ctx):
    """Three units' 信息员 write and send; their office reviewers approve."""
    for username, (name, reviewer, reviewer_name, title, body) in ITEMS.items():
        ctx.login(username, name)
        ctx.b.goto(ctx.base + "/reports/new", f"{name}: open 撰写信息")
        ctx.b.act(f"""setValue("#title", {json.dumps(title)}); setValue("#body", {json.dumps(body)});
                      const box = document.querySelector("input[name='targets[]']"); if (!box) throw new Error("没有可报送单位");
                      if (!box.checked) box.click();
                      submitButton("form.report-form");""", f"{name}: save the draft", flash=S["created"], path=REPORT_PATH)
        ctx.b.act('submitButton("form[action$=\\"/review\\"]");', f"{name}: send for review", flash=S["review"], path=REPORT_PATH)
        ctx.login(reviewer, reviewer_name)
        _approve_review(ctx, title)
    return []


def _decide(ctx, title, decision, level=None, reason=None, flash=None):
    ctx.b.goto(ctx.base + "/reports/inbox", "open the inbox")
    _open_report(ctx, title)
    script = ""
    if level:
        script += f"""const sel = need("form[action$='/decide'] select[name=level]");
                      const opt = Array.from(sel.options).find((o) => o.textContent.startsWith({json.dumps(level)}));
                      if (!opt) throw new Error("没有采用级别「" + {json.dumps(level)} + "」"); sel.value = opt.value;\n"""
    if reason:
        script += f'setValue("form[action$=\'/decide\'] input[name=reason]", {json.dumps(reason)});\n'
    script += f'need("form[action$=\'/decide\'] button[value={decision}]").click();'
    ctx.b.act(script, f"{decision} 「{title}」", flash=flash, path=REPORT_PATH)


def adopt_and_return(ctx):
    """The city's editor adopts two at different levels (one 刊物采用) and returns one."""
    ctx.login(*EDITOR)
    _decide(ctx, ITEMS["guoyn"][3], "adopt", level="刊物采用", flash=S["adopted"])
    _decide(ctx, ITEMS["yanj"][3], "adopt", level="市级采用", flash=S["adopted"])
    _decide(ctx, ITEMS["caij"][3], "return", reason=REASON, flash=S["returned"])
    return []


def resubmit(ctx):
    """The unit revises and resubmits; the editor adopts version 2."""
    name, _, _, title, _ = ITEMS["caij"]
    ctx.login("caij", name)
    ctx.b.goto(ctx.base + "/reports?view=mine", f"{name}: open the unit's list")
    _open_report(ctx, title)
    if not ctx.b.js(f"return document.body.textContent.includes({json.dumps(REASON)});"):
        raise ReportsError("the returned report does not show the editor's reason")
    ctx.b.act('need("a[href$=\'/edit\']").click();', f"{name}: open 修改", path=REPORT_PATH + "/edit")
    ctx.b.act(f'setValue("#body", {json.dumps(REVISED)}); submitButton("form.report-form");', f"{name}: save the revision", flash=S["saved"], path=REPORT_PATH)
    ctx.b.act('submitButton("form[action$=\\"/resubmit\\"]");', f"{name}: resubmit", flash=S["resubmitted"], path=REPORT_PATH)
    ctx.login(*EDITOR)
    _decide(ctx, title, "adopt", level="刊物采用", flash=S["adopted"])
    if not ctx.b.js('return document.body.textContent.includes("版本 2");'):
        raise ReportsError("the adopted report does not show its version 2 in the history")
    return []


def ranking(ctx):
    """The month's ranking shows the points; screenshots of the inbox, the ranking and the 信息员's list on a phone."""
    ctx.login(*EDITOR)
    ctx.b.goto(ctx.base + "/reports/inbox?all=1", "open the whole inbox")
    ctx.shot("reports-inbox.png")
    ctx.b.goto(ctx.base + "/reports/ranking", "open the ranking")
    for unit in ["清河县人民政府办公室", "柳林区人民政府办公室", "东山县人民政府办公室"]:
        if not ctx.b.js(f'return Array.from(document.querySelectorAll("table.report-ranking td")).some((c) => c.textContent.trim() === {json.dumps(unit)});'):
            raise ReportsError(f"the ranking does not list {unit}")
    ctx.shot("reports-ranking.png")
    ctx.login("caij", ITEMS["caij"][0])
    ctx.b.resize(375, 812)
    try:
        ctx.b.goto(ctx.base + "/reports?view=mine", "open 蔡洁's list on a phone")
        ctx.shot("reports-mine-phone.png")
    finally:
        ctx.b.resize(*ctx.desktop)
    return []


def main():
    """Against a running demo: python3 walkthrough_reports.py BASE_URL OUTDIR."""
    import tempfile
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import walkthrough
    base, outdir = sys.argv[1], sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    profile = tempfile.mkdtemp(prefix="zhengtong-reports-walk.")
    browser = walkthrough.Browser(profile)
    browser.start()
    try:
        ctx = walkthrough.Walkthrough(browser, base.rstrip("/"), outdir)
        for step in [submit_three, adopt_and_return, resubmit, ranking]:
            walkthrough.log(f"reports: {step.__name__}")
            step(ctx)
        walkthrough.log("reports: done")
    finally:
        browser.stop()


if __name__ == "__main__":
    main()
