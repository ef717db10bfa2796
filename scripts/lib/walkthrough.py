#!/usr/bin/env python3
"""Scripted run of one 发文 from draft to dispatch through a real headless Chromium, as the demo
people of 江北市 would do it in their browsers, with screenshots of the key pages. Called by
scripts/walkthrough:

    walkthrough.py BINARY OUTDIR [--keep]

Starts `BINARY demo` on a free port with a throwaway data directory, drives one browser over the
Chrome DevTools Protocol (the client in screenshot.py), and checks the result at the end. Standard
library only. Environment:
    CHROMIUM                   the browser binary (default: chromium on PATH)
    ZHENGTONG_WALK_TIMEOUT     seconds to wait for a page to load (30)
"""

import base64
import datetime
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import screenshot  # noqa: E402  (CDP client: WebSocket, CDP, CDPError, MAX_HEIGHT)
import walkthrough_archive  # noqa: E402  (filing the dispatched document)
import walkthrough_duty  # noqa: E402  (值班: rota, 换班, 值班日志, 交接班, 签认)
import walkthrough_mail  # noqa: E402  (内部邮件: a department and a unit mailed, reply, forward, recall)
import walkthrough_exchange  # noqa: E402  (the 公文交换 and 收文 half of the run)
import walkthrough_meetings  # noqa: E402  (会议: rooms, notice, 回执, 座次, 签到, 纪要)
import walkthrough_notices  # noqa: E402  (通知公告 and the 工作台)
import walkthrough_supervision  # noqa: E402  (督查督办 from a 批示 to the 通报)
import walkthrough_schedule  # noqa: E402  (领导日程: a clash confirmed, a week published, the 日程 on a phone)
import walkthrough_alerts  # noqa: E402  (预警: sent to every 乡镇, confirmed on the desk and a phone, resent)
import walkthrough_delivery  # noqa: E402  (消息发送: the 催办 at a real SMS gateway and mail server, 提醒方式, the log)
import walkthrough_reports  # noqa: E402  (信息报送: three units report, the city adopts and returns, a resubmission, the ranking)
import walkthrough_bulletins  # noqa: E402  (刊物 composed from adopted 信息 and published; 信息专供 and a handwritten 批示)
import walkthrough_oidc  # noqa: E402  (统一身份认证: sign in at a real OIDC provider, logout there, refusals on a phone)
import walkthrough_seals  # noqa: E402  (印章管理: the national seal made at 用印, a second seal with its own keeper)

PASSWORD = "Zhengtong@2026"
DESKTOP = (1366, 900)
PHONE = (390, 844)
PRINT_WIDTH = 1000
LOAD_TIMEOUT = float(os.environ.get("ZHENGTONG_WALK_TIMEOUT", "30"))

TITLE = "江北市人民政府办公室关于做好元旦期间值班工作的通知"
MAIN_RECIPIENTS = "各县（区）人民政府、市政府各部门"
BODY = "\n\n".join([
    "为切实做好元旦期间值班工作，确保节日期间各项工作正常运转，经市政府同意，现就有关事项通知如下。",
    "一、高度重视值班工作",
    "各地各部门要充分认识做好节日期间值班工作的重要性，切实加强组织领导。",
    "（一）严格落实领导带班制度。各地各部门主要负责同志要亲自安排部署，带班领导要在岗在位。",
    "（二）严格执行24小时值班制度。值班人员要坚守岗位，保持通信畅通。",
    "二、及时报告重要情况",
    "遇有突发事件和重要情况，要按规定及时、准确报告，不得迟报、漏报、瞒报。",
    "特此通知。",
])
# 张伟's change at 核稿: one sentence rewritten.
REVIEW_OLD = "切实加强组织领导。"
REVIEW_NEW = "把值班工作摆上重要位置，切实加强组织领导，周密安排部署。"
NOTE = "联系人：黄磊，电话：13800000007"

OPINION_REVIEW = "请办公室审核。"
OPINION_OFFICE = "文稿规范，拟同意，请领导签发。"
OPINION_SIGN = "同意。"

STATUS_DISPATCHED = "已封发"  # Strings.Outgoing.statusLabel("dispatched")
SEAL_VALID = "签章有效，文件未被改动"  # SealVerification.valid.title

# Helpers defined in the page before each script (Runtime.evaluate runs them in the page).
JS_HELPERS = r"""
const need = (sel) => { const e = document.querySelector(sel); if (!e) throw new Error("页面上没有 " + sel); return e; };
const setValue = (sel, value) => {
  const e = need(sel); e.focus(); e.value = value;
  e.dispatchEvent(new Event("input", {bubbles: true})); e.dispatchEvent(new Event("change", {bubbles: true}));
};
const choose = (sel, test, what) => {
  const e = need(sel);
  const o = Array.from(e.options).find((o) => test(o.textContent.trim()));
  if (!o) throw new Error(sel + " 中没有 " + what + "；选项：" + Array.from(e.options).map((o) => o.textContent.trim()).join(" | "));
  e.value = o.value; e.dispatchEvent(new Event("change", {bubbles: true}));
  return o.textContent.trim();
};
const submitButton = (formSel) => {
  const f = need(formSel);
  const b = f.querySelector("button[type=submit], button:not([type])");
  if (!b) throw new Error(formSel + " 没有提交按钮");
  b.scrollIntoView({block: "center"}); b.click();
  return b.textContent.trim();
};
const text = (sel) => { const e = document.querySelector(sel); return e ? e.textContent.replace(/\s+/g, " ").trim() : null; };
"""


class WalkError(Exception):
    pass


def log(message):
    print(f"walkthrough: {message}", flush=True)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Server:
    """`zhengtong demo` in the background, on a free loopback port, with its own data directory."""

    def __init__(self, binary, workdir):
        self.binary = binary
        self.workdir = workdir
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = os.path.join(workdir, "demo.log")
        self.proc = None

    def start(self, env=None):
        data = os.path.join(self.workdir, "data")
        self.log = open(self.log_path, "wb")
        # From the temp directory, as under a service manager: the binary finds its own resources.
        self.proc = subprocess.Popen([self.binary, "demo", "--data-dir", data, "--port", str(self.port)],
                                     cwd=self.workdir, stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT,
                                     env={**os.environ, **(env or {})})
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise WalkError(f"zhengtong demo exited with {self.proc.returncode}:\n{self.tail()}")
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.3)
        raise WalkError(f"zhengtong demo did not answer /healthz within 120 s:\n{self.tail()}")

    def tail(self, n=3000):
        try:
            self.log.flush()
            with open(self.log_path, errors="replace") as f:
                return f.read()[-n:]
        except OSError:
            return ""

    def stop(self):
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


class Receiver:
    """A helper the demo delivers to (scripts/lib/sms_gateway.py or smtp_sink.py, run by Debian's python3): started on a
    free port; what it received is read back from its JSON-lines log."""

    SECRET = "walkthrough-shared-secret-0123456789"

    def __init__(self, script, workdir, *args):
        self.log = os.path.join(workdir, script + ".jsonl")
        open(self.log, "w").close()
        here = os.path.dirname(os.path.abspath(__file__))
        self.proc = subprocess.Popen(["/usr/bin/python3", os.path.join(here, script), "--log", self.log, *args],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        words = (self.proc.stdout.readline() or "").split()
        if not words or words[0] != "READY":
            raise WalkError(f"{script} did not start (is python3-aiosmtpd installed?)")
        self.port = int(words[1])
        self.extra = words[2:]

    def received(self):
        with open(self.log, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()


class Browser:
    """One headless Chromium (launched like screenshot.py does) and one tab, kept for the whole run."""

    def __init__(self, profile):
        self.profile = profile
        self.proc = None
        self.cdp = None
        self.frame_id = None
        self.size = DESKTOP

    def start(self):
        chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or "chromium"
        cmd = [
            chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
            f"--user-data-dir={self.profile}", f"--window-size={DESKTOP[0]},{DESKTOP[1]}",
            "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--mute-audio", "--lang=zh-CN",
            # The test identity provider (walkthrough_oidc.py) serves HTTPS with a CA of its own, on loopback.
            "--ignore-certificate-errors", "about:blank",
        ]
        self.log = open(os.path.join(self.profile, "chromium.log"), "wb")
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        deadline = time.monotonic() + 60
        port = None
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                with open(port_file) as f:
                    first = f.readline().strip()
                if first.isdigit():
                    port = int(first)
                    break
            except FileNotFoundError:
                pass
            time.sleep(0.1)
        if port is None:
            self.log.flush()
            with open(os.path.join(self.profile, "chromium.log"), errors="replace") as f:
                tail = f.read()[-2000:]
            raise WalkError(f"chromium did not start (exit {self.proc.poll()}):\n{tail}")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as r:
            pages = [t for t in json.load(r) if t.get("type") == "page"]
        if not pages:
            req = urllib.request.Request(f"http://127.0.0.1:{port}/json/new?about:blank", method="PUT")
            with urllib.request.urlopen(req, timeout=10) as r:
                pages = [json.load(r)]
        self.cdp = screenshot.CDP(pages[0]["webSocketDebuggerUrl"], timeout=30)
        self.cdp.call("Page.enable")
        self.cdp.call("Network.enable")
        self.frame_id = self.cdp.call("Page.getFrameTree")["frameTree"]["frame"]["id"]
        self.resize(*DESKTOP)

    def stop(self):
        if self.cdp is not None:
            try:
                self.cdp.call("Browser.close", timeout=5)
            except (screenshot.CDPError, OSError):
                pass
            self.cdp.ws.close()
        if self.proc is not None:
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.terminate()
                try:
                    self.proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait()
            self.log.close()

    def resize(self, width, height):
        mobile = width < 600
        self.cdp.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=mobile)
        self.cdp.call("Emulation.setTouchEmulationEnabled", enabled=mobile, maxTouchPoints=5 if mobile else 1)
        self.size = (width, height)

    # --- pages -----------------------------------------------------------------------------------

    def js(self, script, what="script"):
        """Runs script (a function body: use `return`) in the page with the helpers; returns its value."""
        expression = "(() => {\n" + JS_HELPERS + "\n" + script + "\n})()"
        res = self.cdp.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in res:
            details = res["exceptionDetails"]
            message = details.get("exception", {}).get("description") or details.get("text")
            raise WalkError(f"{what} failed on {self.url()}: {message}")
        return res.get("result", {}).get("value")

    def url(self):
        res = self.cdp.call("Runtime.evaluate", expression="location.href", returnByValue=True)
        return res.get("result", {}).get("value", "?")

    def path(self):
        return self.js("return location.pathname + location.search;")

    def _wait_load(self, what):
        if self.cdp.wait_event("Page.loadEventFired", LOAD_TIMEOUT) is None:
            raise WalkError(f"{what}: no page loaded within {LOAD_TIMEOUT:g} s (still on {self.url()})")
        statuses = [ev["params"]["response"]["status"] for ev in self.cdp.events
                    if ev["method"] == "Network.responseReceived" and ev["params"].get("type") == "Document"
                    and ev["params"].get("frameId") == self.frame_id]
        status = statuses[-1] if statuses else None
        self.cdp.call("Runtime.evaluate", expression="document.fonts.ready.then(() => true)", awaitPromise=True,
                      returnByValue=True, timeout=LOAD_TIMEOUT)
        return status

    def posted(self):
        """What the last form submission sent: ' (the form sent N bytes)', or ''."""
        posts = [ev["params"]["request"] for ev in self.cdp.events
                 if ev["method"] == "Network.requestWillBeSent" and ev["params"].get("type") == "Document"
                 and ev["params"]["request"].get("method") == "POST"]
        if not posts:
            return ""
        request = posts[-1]
        size = request.get("headers", {}).get("Content-Length")
        if size is None and "postData" in request:
            size = len(request["postData"].encode("utf-8"))
        return f"; the form POST {request.get('url')} sent {size} bytes" if size is not None else ""

    def check_page(self, what, status, expect_status=200):
        info = self.js("""return {error: text(".error-box"), errorPage: document.querySelector(".error-page") ? text(".error-page") : null,
                                  h1: text("h1"), flash: text(".flash")};""")
        if info["error"]:
            raise WalkError(f"{what}: the page says 「{info['error']}」 (HTTP {status}, {self.url()}{self.posted()})")
        if info["errorPage"]:
            raise WalkError(f"{what}: error page 「{info['errorPage']}」 (HTTP {status}, {self.url()}{self.posted()})")
        if status != expect_status:
            raise WalkError(f"{what}: HTTP {status}, expected {expect_status} ({self.url()}; h1 「{info['h1']}」)")
        return info

    def goto(self, url, what=None):
        what = what or f"open {url}"
        self.cdp.events.clear()
        nav = self.cdp.call("Page.navigate", url=url)
        if nav.get("errorText"):
            raise WalkError(f"{what}: navigation failed: {nav['errorText']}")
        return self.check_page(what, self._wait_load(what))

    def act(self, script, what, flash=None, path=None):
        """Runs script that submits a form or follows a link, waits for the next page and checks it:
        no error, HTTP 200, optionally the flash message and the path it lands on."""
        self.cdp.events.clear()
        self.js(script, what)
        info = self.check_page(what, self._wait_load(what))
        if flash is not None and info["flash"] != flash:
            raise WalkError(f"{what}: expected the message 「{flash}」, the page says 「{info['flash']}」 ({self.url()})")
        if path is not None and not re.fullmatch(path, self.path()):
            raise WalkError(f"{what}: expected to land on {path}, landed on {self.url()}")
        return info

    def capture(self, out, full_width=None):
        """Full-page PNG of what is shown now (like screenshot.py: layout metrics, then a clip)."""
        time.sleep(0.3)
        width, height = self.size
        metrics = self.cdp.call("Page.getLayoutMetrics")
        content = metrics.get("cssContentSize") or metrics.get("contentSize")
        full_h = max(height, min(screenshot.MAX_HEIGHT, int(content["height"] + 0.999)))
        full_w = full_width or max(width, int(content["width"] + 0.999))
        shot = self.cdp.call("Page.captureScreenshot", timeout=120, format="png", captureBeyondViewport=True,
                             clip={"x": 0, "y": 0, "width": full_w, "height": full_h, "scale": 1})
        with open(out, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        log(f"  screenshot {out} ({full_w}x{full_h})")


class Walkthrough:
    def __init__(self, browser, base, outdir):
        self.phone = PHONE
        self.desktop = DESKTOP
        self.print_width = PRINT_WIDTH
        self.b = browser
        self.base = base
        self.outdir = outdir
        self.doc_id = None
        self.who = None

    def shot(self, name, **kw):
        self.b.capture(os.path.join(self.outdir, name), **kw)

    def login(self, username, name):
        if self.who is not None:
            self.b.act('submitButton("form[action=\\"/logout\\"]");', f"{self.who} logs out")
        self.b.cdp.call("Network.clearBrowserCookies")
        self.b.goto(self.base + "/login", "open the login page")
        self.b.act(f"""setValue("#username", {json.dumps(username)}); setValue("#password", {json.dumps(PASSWORD)});
                      submitButton("form[action=\\"/login\\"]");""", f"log in as {username}")
        shown = self.b.js('return text(".who-name");')
        if shown != name:
            raise WalkError(f"log in as {username}: expected to be signed in as {name}, the page shows 「{shown}」 ({self.b.url()})")
        self.who = name
        log(f"{name} ({username}) signed in")

    def open_task(self, step):
        """/tasks → the row for our document at `step` → its task page (claiming it if it is a candidate task)."""
        self.b.goto(self.base + "/tasks", "open 待办")
        self.b.cdp.events.clear()
        href = self.b.js(f"""
          const rows = Array.from(document.querySelectorAll("table.tasks tbody tr"));
          const row = rows.find((r) => {{ const a = r.querySelector("td a"); const c = r.querySelectorAll("td");
                                         return a && a.textContent.trim() === {json.dumps(TITLE)} && c[1] && c[1].textContent.trim() === {json.dumps(step)}; }});
          if (!row) throw new Error("待办中没有「" + {json.dumps(step)} + "」这一行；有：" +
                                    rows.map((r) => Array.from(r.querySelectorAll("td")).slice(0, 2).map((c) => c.textContent.trim()).join(" / ")).join(" | "));
          const a = row.querySelector("td a"); a.click(); return a.getAttribute("href");""", f"{self.who}: find the {step} task")
        status = self.b._wait_load(f"{self.who}: open the {step} task")
        self.b.check_page(f"{self.who}: open the {step} task", status)
        if not re.fullmatch(r"/tasks/[0-9A-Fa-f-]+", self.b.path()):
            raise WalkError(f"{self.who}: the {step} task link {href} led to {self.b.url()}")
        task_url = self.b.url()
        if self.b.js('return !!document.querySelector("form[action$=\\"/claim\\"]");'):
            self.b.act('submitButton("form[action$=\\"/claim\\"]");', f"{self.who}: claim the {step} task", flash="已认领。")
        if not self.b.js('return !!document.querySelector("form#complete[action$=\\"/complete\\"]");'):
            raise WalkError(f"{self.who}: the {step} task page offers no 提交 form ({task_url})")
        shown_step = self.b.js("""const dts = Array.from(document.querySelectorAll("dl.facts dt"));
                                  const dt = dts.find((d) => d.textContent.trim() === "当前步骤");
                                  return dt ? dt.nextElementSibling.firstChild.textContent.trim() : null;""")
        if shown_step != step:
            raise WalkError(f"{self.who}: the task page shows step 「{shown_step}」, expected 「{step}」 ({task_url})")
        log(f"  {self.who} opened the task {step}")
        return task_url

    def complete(self, step, opinion=None, outcome=None, before_submit=None):
        script = ""
        if outcome:
            script += f'need("form#complete input[name=outcome][value={outcome}]").click();\n'
        if opinion is not None:
            script += f'setValue("form#complete #opinion", {json.dumps(opinion)});\n'
        if script:
            self.b.js(script, f"{self.who}: fill the {step} form")
        if before_submit:
            before_submit()
        self.b.act('submitButton("form#complete");', f"{self.who}: submit {step}", flash="已提交。", path=r"/tasks")
        log(f"  {self.who} submitted {step}" + (f"：{opinion}" if opinion else ""))

    # --- the run ---------------------------------------------------------------------------------

    def run(self):
        b, base = self.b, self.base

        # 黄磊 drafts.
        self.login("huangl", "黄磊")
        b.goto(base + "/outgoing/new", "open 拟稿")
        chosen = b.js("""const k = choose("#kind", (l) => l === "通知", "通知");
                         if (need("#kind").value !== "notice") throw new Error("通知 is not the kind notice but " + need("#kind").value);
                         const c = choose("#code", (l) => l.startsWith("江政办发"), "江政办发");
                         return k + " / " + c;""", "choose kind and 代字")
        log(f"  chose {chosen}")
        b.act('submitButton("form[action=\\"/outgoing\\"]");', "create the document", flash="已新建文稿。",
              path=r"/outgoing/[0-9A-Fa-f-]+/edit")
        self.doc_id = b.path().split("/")[2]
        log(f"  created document {self.doc_id}")
        # The body is typed without the second 一级 heading's number; the 层次序号 button numbers it.
        unnumbered = BODY.replace("二、及时报告", "及时报告")
        b.js(f"""setValue("#title", {json.dumps(TITLE)}); setValue("#mainRecipients", {json.dumps(MAIN_RECIPIENTS)});
                 setValue("#body", {json.dumps(unnumbered)}); setValue("#note", {json.dumps(NOTE)});
                 const body = need("#body");
                 const at = body.value.indexOf("及时报告");
                 body.setSelectionRange(at + 2, at + 2);
                 need("[data-heading-toolbar] button[data-level='1']").click();
                 if (body.value !== {json.dumps(BODY)}) throw new Error("层次序号按钮没有编为“二、”：" + body.value);
                 const outline = Array.from(document.querySelectorAll("[data-outline-for='body'] li")).map((li) => li.textContent);
                 if (outline.length !== 4 || outline[3] !== "二、及时报告重要情况") throw new Error("文档结构不对：" + outline.join(" | "));""",
             "fill the draft, numbering a heading with the toolbar")
        self.shot("drafting.png")
        b.act('submitButton("form.drafting");', "save the draft", flash="已保存为新版本。", path=rf"/outgoing/{self.doc_id}")
        problems = b.js('return Array.from(document.querySelectorAll("ul.problems li")).map((li) => li.textContent.trim());')
        if problems:
            raise WalkError("the saved draft has 检查意见: " + "；".join(problems))
        b.act(f'submitButton("form[action=\\"/outgoing/{self.doc_id}/submit\\"]");', "送审", flash="已送核稿。")
        log("  黄磊 sent the draft for review (送审)")

        # 张伟: 核稿, with one sentence changed.
        self.login("zhangw", "张伟")
        task_url = self.open_task("核稿")
        b.act("""const a = Array.from(document.querySelectorAll(".outgoing-panel a")).find((a) => a.textContent.trim() === "编辑文稿");
                 if (!a) throw new Error("没有「编辑文稿」按钮"); a.click();""", "张伟: 编辑文稿", path=rf"/outgoing/{self.doc_id}/edit")
        b.js(f"""const body = need("#body");
                 if (!body.value.includes({json.dumps(REVIEW_OLD)})) throw new Error("正文中没有要修改的句子");
                 setValue("#body", body.value.replace({json.dumps(REVIEW_OLD)}, {json.dumps(REVIEW_NEW)}));""", "张伟: change a sentence")
        b.act('submitButton("form.drafting");', "张伟: save the edit", flash="已保存为新版本。", path=rf"/outgoing/{self.doc_id}")
        log("  张伟 changed one sentence (核稿 version)")
        b.goto(task_url, "张伟: back to the task")
        b.js(f'setValue("form#complete #opinion", {json.dumps(OPINION_REVIEW)});', "张伟: type the opinion")
        self.shot("task-review.png")
        self.complete("核稿")

        # 孙丽: 办公室审核, choosing the leader who signs.
        self.login("sunl", "孙丽")
        self.open_task("办公室审核")
        picked = b.js('return choose("form#complete select[name=nextAssignee]", (l) => l.startsWith("王建国"), "王建国");', "孙丽: choose 王建国")
        log(f"  下一步办理人: {picked}")
        # The signer is chosen among the leaders the step offers (the office's and the city government's), no one else.
        b.js("""const labels = Array.from(need("form#complete select[name=nextAssignee]").options).filter((o) => o.value).map((o) => o.textContent.trim());
                if (labels.some((l) => !l.includes("领导"))) throw new Error("签发人中有非领导：" + labels.join("、"));""", "孙丽: only leaders offered")
        self.shot("task-office-review.png")
        self.complete("办公室审核", opinion=OPINION_OFFICE)

        # 王建国: 签发, on his phone.
        self.login("wangjg", "王建国")
        b.resize(*PHONE)
        self.open_task("签发")
        b.js(f'setValue("form#complete #opinion", {json.dumps(OPINION_SIGN)});', "王建国: type the opinion")
        self.shot("sign-phone.png")
        self.complete("签发", outcome="approve")
        b.resize(*DESKTOP)

        # 赵敏: 编号登记.
        self.login("zhaom", "赵敏")
        self.open_task("编号登记")
        code = b.js('return choose(".outgoing-panel select#code", (l) => l.startsWith("江政办发"), "江政办发");', "赵敏: choose 代字")
        b.act('submitButton(".outgoing-panel form[action$=\\"/number\\"]");', f"赵敏: 编号 ({code})", flash="已编号。",
              path=r"/tasks/[0-9A-Fa-f-]+")
        number = b.js('const p = Array.from(document.querySelectorAll(".outgoing-panel p")).find((p) => p.textContent.startsWith("发文字号"));'
                      'return p ? p.querySelector("strong").textContent.trim() : null;')
        log(f"  编号: {number}")
        self.complete("编号登记")

        # 黄磊: 校对.
        self.login("huangl", "黄磊")
        self.open_task("校对")
        self.complete("校对")

        # 孙丽: 用印.
        self.login("sunl", "孙丽")
        self.open_task("用印")
        b.act('submitButton(".outgoing-panel form[action$=\\"/seal\\"]");', "孙丽: 加盖印章", flash="已加盖印章。",
              path=r"/tasks/[0-9A-Fa-f-]+")
        self.complete("用印")

        # 赵敏: 封发, to the county governments of her 分发名单.
        self.login("zhaom", "赵敏")
        self.open_task("封发")
        b.js("""const box = Array.from(document.querySelectorAll("form.distribution input[name='lists[]']"))
                   .find((i) => i.parentElement.textContent.includes("各县（区）人民政府"));
                 if (!box) throw new Error("分发范围中没有「各县（区）人民政府」名单"); box.checked = true;""", "赵敏: choose the 分发名单")
        b.act('submitButton("form.distribution");', "赵敏: 保存分发范围", flash="分发范围已保存。", path=r"/tasks/[0-9A-Fa-f-]+")
        self.complete("封发")

        self.finish()

    def finish(self):
        """The pages of the finished document (as 黄磊, the drafter), screenshots and the checks."""
        b, base, doc = self.b, self.base, f"{self.base}/outgoing/{self.doc_id}"
        self.login("huangl", "黄磊")
        failures = []

        b.goto(doc, "open the document")
        facts = b.js("""const out = {};
                        document.querySelectorAll("dl.facts dt").forEach((dt) => { out[dt.textContent.trim()] = dt.nextElementSibling.textContent.trim(); });
                        return out;""")
        if facts.get("状态") != STATUS_DISPATCHED:
            failures.append(f"the document page shows 状态 「{facts.get('状态')}」, expected 「{STATUS_DISPATCHED}」")
        year = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8))).year
        number = facts.get("发文字号")
        if not number or not re.fullmatch(rf"江政办发〔{year}〕[1-9][0-9]*号", number):
            failures.append(f"the document page shows 发文字号 「{number}」, expected 江政办发〔{year}〕N号")
        log(f"  document: 状态 {facts.get('状态')}, 发文字号 {number}")

        b.goto(doc + "/versions?mode=all", "open 痕迹对比 (all)")
        self.shot("revisions.png")
        marks = b.js('return {ins: document.querySelectorAll(".revision-text ins").length, del: document.querySelectorAll(".revision-text del").length};')
        if not marks["ins"]:
            failures.append("the revisions page (mode=all) shows no inserted text although 张伟 changed a sentence")
        log(f"  revisions: {marks['ins']} insertions, {marks['del']} deletions marked")

        b.goto(doc + "/form", "open 发文稿纸")
        self.shot("processing-form.png")
        form_text = b.js('return text(".processing-form") || "";')
        for needle in ["张伟", "孙丽", "王建国", OPINION_REVIEW, OPINION_OFFICE, OPINION_SIGN]:
            if needle not in form_text:
                failures.append(f"the processing form does not contain 「{needle}」")

        b.resize(PRINT_WIDTH, DESKTOP[1])
        b.goto(doc + "/print", "open 打印稿")
        self.shot("print.png", full_width=PRINT_WIDTH)
        b.resize(*DESKTOP)

        b.goto(doc + "/seal", "open 印章验证")
        self.shot("seal.png")
        verdict = b.js('const e = document.querySelector(".seal-result"); return e ? {result: e.dataset.result, label: text(".seal-result")} : null;')
        if not verdict or verdict["label"] != SEAL_VALID or "有效" not in verdict["label"]:
            failures.append(f"the seal page says 「{verdict and verdict['label']}」, expected 「{SEAL_VALID}」")
        log(f"  seal: {verdict and verdict['label']}")

        log("印章管理")
        failures += walkthrough_seals.run(self, WalkError, log)
        failures += walkthrough_exchange.run(self, TITLE, WalkError, log)
        failures += walkthrough_archive.run(self, TITLE, WalkError, log)
        failures += walkthrough_notices.run(self, WalkError, log)
        failures += walkthrough_supervision.run(self, WalkError, log)
        failures += walkthrough_meetings.run(self, WalkError, log)
        failures += walkthrough_duty.run(self, WalkError, log)
        failures += walkthrough_schedule.run(self, WalkError, log)
        failures += walkthrough_alerts.run(self, WalkError, log)
        failures += walkthrough_delivery.run(self, WalkError, log, self.gateway, self.sink)
        failures += walkthrough_mail.run(self, WalkError, log)
        # 信息报送 and 刊物 as one story: reported, adopted, put into an issue, read and 批示 by a leader, ranked.
        for step in (walkthrough_reports.submit_three, walkthrough_reports.adopt_and_return, walkthrough_reports.resubmit):
            log(f"reports: {step.__name__}")
            failures += step(self) or []
        failures += walkthrough_bulletins.compose_and_publish(self, WalkError, log)
        failures += walkthrough_bulletins.leader_reads(self, WalkError, log)
        log("reports: ranking")
        failures += walkthrough_reports.ranking(self) or []
        log("统一身份认证")
        failures += walkthrough_oidc.run(self, WalkError, log, self.provider)
        if failures:
            raise WalkError("checks failed:\n  - " + "\n  - ".join(failures))


def main():
    args = [a for a in sys.argv[1:] if a != "--keep"]
    keep = "--keep" in sys.argv[1:]
    if len(args) != 2:
        raise SystemExit("usage: walkthrough.py BINARY OUTDIR [--keep]")
    binary, outdir = args
    os.makedirs(outdir, exist_ok=True)
    for name in ["drafting.png", "task-review.png", "revisions.png", "processing-form.png", "print.png", "seal.png",
                 "sign-phone.png", "inbox.png", "receipts.png", "incoming-form.png", "overdue.png", "incoming-phone.png", "archive.png",
                 "archive-stamp.png", "search.png", "desk-clerk.png", "notice.png", "desk-phone.png", "desk-leader.png", "receipts.png",
                 "supervision-new.png", "supervision-leader-phone.png", "supervision-board.png", "supervision-item.png", "supervision-bulletin.png",
                 "meetings-room-week.png", "meetings-phone.png", "meetings-page.png", "meetings-seat-chart.png", "meetings-name-cards.png",
                 "meetings-minutes.png", "duty-rota.png", "duty-rota-print.png", "duty-log-form-phone.png", "duty-log-phone.png",
                 "schedule-week.png", "schedule-print.png", "schedule-calendar-phone.png",
                 "mail-inbox.png", "mail-compose.png", "mail-thread.png", "mail-phone.png",
                 "delivery-preferences-phone.png", "delivery-log.png", "delivery-log-phone.png", "delivery-settings.png",
                 "reports-inbox.png", "reports-ranking.png", "reports-mine-phone.png", "bulletins-issue.png", "bulletins-print.png",
                 "bulletins-reading-phone.png", "bulletins-instruct-phone.png", "bulletins-instruction-phone.png",
                 *walkthrough_oidc.SHOTS, *walkthrough_seals.SHOTS, "failure.png"]:
        try:
            os.remove(os.path.join(outdir, name))
        except FileNotFoundError:
            pass
    work = tempfile.mkdtemp(prefix="zhengtong-walk.")
    profile = os.path.join(work, "chromium-profile")
    os.makedirs(profile)
    started = time.monotonic()
    server = Server(binary, work)
    browser = Browser(profile)
    receivers = []
    ok = False
    try:
        # The demo sends its text messages to a real SMS gateway and its mail to a real mail server (STARTTLS, login).
        gateway = Receiver("sms_gateway.py", work, "--secret", Receiver.SECRET, "--callback")
        receivers.append(gateway)
        sink = Receiver("smtp_sink.py", work, "--dir", os.path.join(work, "smtp-ca"))
        receivers.append(sink)
        delivery = {
            "ZHENGTONG_PUBLIC_URL": server.base,
            "ZHENGTONG_SMS_WEBHOOK_URL": f"http://127.0.0.1:{gateway.port}/sms", "ZHENGTONG_SMS_WEBHOOK_SECRET": Receiver.SECRET,
            "ZHENGTONG_SMTP_HOST": "localhost", "ZHENGTONG_SMTP_PORT": str(sink.port), "ZHENGTONG_SMTP_SECURITY": "starttls",
            "ZHENGTONG_SMTP_USERNAME": "zhengtong", "ZHENGTONG_SMTP_PASSWORD": "sink-password", "ZHENGTONG_SMTP_FROM": "oa@jb.gov.example",
            "ZHENGTONG_SMTP_CA_FILE": sink.extra[0],
        }
        # Single sign-on at a real OpenID Connect provider (walkthrough_oidc.py).
        provider = walkthrough_oidc.Provider(work, server.base, WalkError)
        receivers.append(provider)
        delivery.update(provider.env)
        log(f"starting {binary} demo on port {server.port} (data in {work}/data)")
        server.start(delivery)
        log(f"demo up at {server.base}")
        browser.start()
        walk = Walkthrough(browser, server.base, outdir)
        walk.gateway, walk.sink, walk.provider = gateway, sink, provider
        try:
            walk.run()
        except (WalkError, screenshot.CDPError, OSError) as e:
            try:
                browser.capture(os.path.join(outdir, "failure.png"))
            except Exception:  # noqa: BLE001 - the capture is a courtesy; report the real failure
                pass
            tail = server.tail(1500)
            raise WalkError(f"{e}\n--- demo log (tail) ---\n{tail}") from None
        ok = True
    finally:
        browser.stop()
        server.stop()
        for receiver in receivers:
            receiver.stop()
        if keep:
            log(f"kept {work} (data directory, demo.log, chromium profile)")
        else:
            shutil.rmtree(work, ignore_errors=True)
    if ok:
        log(f"passed in {time.monotonic() - started:.1f} s; screenshots in {outdir}")


if __name__ == "__main__":
    try:
        main()
    except (WalkError, screenshot.CDPError) as e:
        raise SystemExit(f"walkthrough: FAILED: {e}")
