"""The 统一身份认证 (OIDC single sign-on) part of the walkthrough, against a real provider: scripts/lib/oidc_provider.py
(pyop from PyPI, in the venv scripts/lib/oidc_venv.sh makes), over HTTPS with a CA of its own.

赵敏 presses 使用统一身份认证登录 on the login page, signs in on the provider's login page, lands on her 工作台, and logs
out: 政通 sends her to the provider's logout, which sends her back to the login page. On a phone (375 px) someone the
provider knows but 政通 does not (wangxy) is refused, and so is 郑海 (secadmin, 三员). Screenshots: oidc-login.png,
oidc-provider.png, oidc-home.png, oidc-logged-out.png, oidc-login-phone.png, oidc-unmatched-phone.png,
oidc-admin-phone.png.

Run on its own (a demo of its own, with single sign-on configured):
  python3 scripts/lib/walkthrough_oidc.py BINARY OUTDIR [--keep]
or as part of scripts/walkthrough (``run`` with the provider ``start_provider`` started).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PROVIDER_PASSWORD = "provider-pass"
CLIENT_ID = "zhengtong"
CLIENT_SECRET = "walkthrough-client-secret-0123456789"
LABEL = "使用统一身份认证登录"
SHOTS = ["oidc-login.png", "oidc-provider.png", "oidc-home.png", "oidc-logged-out.png", "oidc-login-phone.png",
         "oidc-unmatched-phone.png", "oidc-admin-phone.png"]


class Provider:
    """oidc_provider.py on a free port; `env` is what the demo needs to use it."""

    def __init__(self, workdir, base, WalkError):  # noqa: N803 - the caller's exception class
        python = subprocess.run(["bash", os.path.join(HERE, "oidc_venv.sh")], check=True, capture_output=True, text=True).stdout.strip()
        self.log = os.path.join(workdir, "oidc-provider.jsonl")
        open(self.log, "w").close()
        self.proc = subprocess.Popen(
            [python, os.path.join(HERE, "oidc_provider.py"), "--log", self.log, "--dir", os.path.join(workdir, "oidc-ca"),
             "--client-id", CLIENT_ID, "--client-secret", CLIENT_SECRET, "--redirect-uri", base + "/login/oidc/callback",
             "--post-logout-uri", base + "/login?loggedOut=1", "--password", PROVIDER_PASSWORD,
             "--user", "zhaom:name=赵敏", "--user", "wangxy:name=王晓燕", "--user", "secadmin:name=郑海"],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        words = (self.proc.stdout.readline() or "").split()
        if len(words) != 3 or words[0] != "READY":
            raise WalkError("oidc_provider.py did not start")
        self.issuer = f"https://127.0.0.1:{words[1]}"
        self.env = {
            "ZHENGTONG_OIDC_ISSUER": self.issuer, "ZHENGTONG_OIDC_CLIENT_ID": CLIENT_ID,
            "ZHENGTONG_OIDC_CLIENT_SECRET": CLIENT_SECRET, "ZHENGTONG_OIDC_CA_FILE": words[2],
        }

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


def run(walk, WalkError, log, provider):  # noqa: N803 - the caller's exception class
    b, base = walk.b, walk.base
    failures = []

    def start_fresh(what):
        b.cdp.call("Network.clearBrowserCookies")
        b.goto(base + "/login", what)
        label = b.js('const a = document.querySelector("a.login-sso"); return a ? a.textContent.trim() : null;')
        if label != LABEL:
            raise WalkError(f"{what}: the login page has no 「{LABEL}」 button (found 「{label}」)")

    def at_provider(username, what):
        b.act('need("a.login-sso").click();', f"{what}: to the identity platform")
        if not b.url().startswith(provider.issuer + "/authorize?"):
            raise WalkError(f"{what}: expected the provider's login page, got {b.url()}")

    def submit_at_provider(username, what):
        """Signs in at the provider; returns the error shown on 政通's login page, or None when signed in."""
        b.cdp.events.clear()
        b.js(f"""setValue("#username", {json.dumps(username)}); setValue("#password", {json.dumps(PROVIDER_PASSWORD)});
                 need("button[value=login]").click(); return true;""", f"{what}: sign in at the provider")
        b._wait_load(what)
        return b.js('return text(".error-box");')

    # 赵敏 on a desktop.
    walk.who = None
    start_fresh("赵敏: the login page")
    walk.shot("oidc-login.png")
    at_provider("zhaom", "赵敏")
    walk.shot("oidc-provider.png")
    error = submit_at_provider("zhaom", "赵敏")
    if error:
        raise WalkError(f"赵敏: single sign-on refused: 「{error}」 ({b.url()})")
    shown = b.js('return text(".who-name");')
    if shown != "赵敏" or b.path() != "/":
        raise WalkError(f"赵敏: expected her 工作台 signed in as 赵敏, got 「{shown}」 at {b.url()}")
    walk.shot("oidc-home.png")
    log("  赵敏 signed in through the identity platform")

    b.act('submitButton("form[action=\\"/logout\\"]");', "赵敏 logs out (政通 and the platform)")
    if not b.path().startswith("/login?loggedOut=1"):
        failures.append(f"after logout expected /login?loggedOut=1 (via the provider), landed on {b.url()}")
    if b.js('return text(".flash");') != "您已安全退出。":
        failures.append("the login page after logout does not say 您已安全退出。")
    logouts = [r for r in provider.received() if r.get("event") == "logout"]
    if not logouts or not logouts[-1].get("id_token_hint_valid") or not logouts[-1].get("redirected"):
        failures.append(f"the provider saw no valid logout with id_token_hint: {logouts}")
    walk.shot("oidc-logged-out.png")
    log("  赵敏 logged out of 政通 and of the identity platform")

    # On a phone: someone 政通 does not know, and a 三员 account.
    b.resize(375, walk.phone[1])
    try:
        start_fresh("phone: the login page")
        walk.shot("oidc-login-phone.png")
        for username, expected, shot in [("wangxy", "未与本平台的账户对应", "oidc-unmatched-phone.png"),
                                         ("secadmin", "三员分立", "oidc-admin-phone.png")]:
            start_fresh(f"{username}: the login page")
            at_provider(username, username)
            error = submit_at_provider(username, username)
            if not error or expected not in error:
                failures.append(f"{username}: expected a refusal with 「{expected}」, the page says 「{error}」 ({b.url()})")
            walk.shot(shot)
            log(f"  {username} refused: {error}")
    finally:
        b.resize(*walk.desktop)
        b.cdp.call("Network.clearBrowserCookies")
        walk.who = None
    return failures


def main():
    sys.path.insert(0, HERE)
    import walkthrough as w  # noqa: PLC0415 - the shared browser and demo classes

    args = [a for a in sys.argv[1:] if a != "--keep"]
    keep = "--keep" in sys.argv[1:]
    if len(args) != 2:
        raise SystemExit("usage: walkthrough_oidc.py BINARY OUTDIR [--keep]")
    binary, outdir = args
    os.makedirs(outdir, exist_ok=True)
    for name in SHOTS + ["failure.png"]:
        try:
            os.remove(os.path.join(outdir, name))
        except FileNotFoundError:
            pass
    work = tempfile.mkdtemp(prefix="zhengtong-walk-oidc.")
    profile = os.path.join(work, "chromium-profile")
    os.makedirs(profile)
    server = w.Server(binary, work)
    browser = w.Browser(profile)
    provider = None
    started = time.monotonic()
    try:
        provider = Provider(work, server.base, w.WalkError)
        server.start({"ZHENGTONG_PUBLIC_URL": server.base, **provider.env})
        w.log(f"demo up at {server.base}, identity platform at {provider.issuer}")
        browser.start()
        walk = w.Walkthrough(browser, server.base, outdir)
        try:
            failures = run(walk, w.WalkError, w.log, provider)
        except (w.WalkError, w.screenshot.CDPError, OSError) as e:
            try:
                browser.capture(os.path.join(outdir, "failure.png"))
            except Exception:  # noqa: BLE001 - the capture is a courtesy
                pass
            raise w.WalkError(f"{e}\n--- demo log (tail) ---\n{server.tail(1500)}") from None
        if failures:
            raise w.WalkError("checks failed:\n  - " + "\n  - ".join(failures))
    finally:
        browser.stop()
        server.stop()
        if provider:
            provider.stop()
        if keep:
            w.log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    w.log(f"passed in {time.monotonic() - started:.1f} s; screenshots in {outdir}")


if __name__ == "__main__":
    main()
