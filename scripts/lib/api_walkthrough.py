#!/usr/bin/env python3
"""The browser walkthrough's story with tokens and no page at all: what an integrator or a phone client does.

Starts `BINARY demo` on a free port with a throwaway data directory (the walkthrough's Server), then, as the
demo people of 江北市 and only through /api/v1: 黄磊 drafts a 通知 and sends it; 张伟 核稿; 孙丽 办公室审核, choosing
the signer among the leaders the task offers; 王建国 签发 (圈阅); 赵敏 编号 and 编号登记; 黄磊 校对; 孙丽 用印; 赵敏
chooses the 分发范围 (the 分发名单 of the three county governments) and 封发; the three counties' clerks sign for it;
清河县's copy is handled to 办结 (登记, 初审, 拟办, 批办 with 主办 and 协办, 承办, 办结). Every holder finds the task in
待办 and reads the document through the task's business reference; files (the OFD, the delivered package's OFD)
download with the token. Then a 通知公告: 郭亚楠 publishes one with a file and a 回执 to the 局 and 乡镇 of 清河县, 胡晓
approves it from his 工作台 (GET /api/v1/desk), 高原 reads it from his and replies, 郭亚楠 reads the receipts, chases
the unread and exports the table; 邱岩 of 东山县 gets 404. Exits 1 with the step that failed.

    api_walkthrough.py BINARY [--keep]
"""

import base64
import json
import os
import shutil
import sys
import tempfile
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from walkthrough import Server, WalkError  # noqa: E402

PASSWORD = "Zhengtong@2026"
TITLE = "江北市人民政府办公室关于做好寒潮天气防范应对工作的通知"


def log(message):
    print(f"api-walkthrough: {message}", flush=True)


class Client:
    """One person's token and the JSON calls they make."""

    def __init__(self, base, username):
        self.base = base
        self.username = username
        self.token = None
        answer = self.call("POST", "/api/v1/auth/token", {"username": username, "password": PASSWORD}, expect=201)
        self.token = answer["token"]

    def raw(self, method, path, body=None):
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def call(self, method, path, body=None, expect=200):
        status, _, data = self.raw(method, path, body)
        if status != expect:
            raise WalkError(f"{self.username}: {method} {path} answered {status}, expected {expect}: {data[:400].decode(errors='replace')}")
        return json.loads(data) if data else None

    def task(self, about, step):
        """The open task of this person at `step` about the business object `about`, its detail, and the object read
        through the task's own reference."""
        tasks = self.call("GET", "/api/v1/tasks?status=open&perPage=200")["items"]
        found = [t for t in tasks if (t.get("business") or {}).get("id", "").upper() == about.upper() and t["step"] == step]
        if not found:
            raise WalkError(f"{self.username} has no open {step} about {about} in 待办")
        detail = self.call("GET", f"/api/v1/tasks/{found[0]['id']}")
        self.call("GET", detail["business"]["url"])
        return detail

    def complete(self, detail, body=None):
        self.call("POST", f"/api/v1/tasks/{detail['task']['id']}/complete", body or {})
        log(f"  {self.username} completed {detail['task']['name']}")

    def download(self, path, starts):
        status, headers, data = self.raw("GET", path)
        if status != 200 or not data.startswith(starts):
            raise WalkError(f"{self.username}: GET {path} answered {status} ({len(data)} bytes)")
        return headers.get("Content-Type", ""), len(data)


def option(detail, name, label):
    for choice in detail["decisions"]["choices"]:
        if choice["name"] == name:
            for item in choice["options"]:
                if item["label"].startswith(label):
                    return item["id"]
            raise WalkError(f"{label} is not offered for {name}: {[o['label'] for o in choice['options']]}")
    raise WalkError(f"the task offers no {name}")


def walk(base):
    people = {}

    def person(username):
        if username not in people:
            people[username] = Client(base, username)
            log(f"{username} has a token")
        return people[username]

    huang = person("huangl")
    codes = huang.call("GET", "/api/v1/issuer-codes")
    if not any(c["code"] == "江政办发" for c in codes):
        raise WalkError("江政办发 is not among the unit's 机关代字")
    document = huang.call("POST", "/api/v1/outgoing", {"kind": "notice", "issuerCode": "江政办发"}, expect=201)
    doc = document["id"]
    huang.call("PATCH", f"/api/v1/outgoing/{doc}", {"version": document["version"], "document": {
        "kind": "notice", "title": TITLE, "mainRecipients": ["各县（区）人民政府"],
        "body": "据气象部门预报，近期将有强寒潮天气过程。现就有关事项通知如下。\n\n一、加强监测预警\n\n各地要密切关注天气变化，及时发布预警信息。",
        "signatureName": "江北市人民政府办公室", "printedBy": "江北市人民政府办公室"}})
    huang.call("POST", f"/api/v1/outgoing/{doc}/submit")
    log(f"黄磊 drafted and sent {TITLE}")

    zhang = person("zhangw")
    zhang.complete(zhang.task(doc, "Review"), {"outcome": "approve", "opinion": "请办公室审核。"})
    sun = person("sunl")
    office = sun.task(doc, "OfficeReview")
    signer = option(office, "nextAssignee", "王建国")
    sun.complete(office, {"outcome": "approve", "opinion": "拟同意，请王主任签发。", "variables": {"nextAssignee": signer}})
    wang = person("wangjg")
    wang.complete(wang.task(doc, "Sign"), {"outcome": "circled"})

    zhao = person("zhaom")
    register = zhao.task(doc, "Register")
    number = zhao.call("POST", f"/api/v1/outgoing/{doc}/number", {"issuerCode": "江政办发"})["number"]
    log(f"  文号 {number}")
    zhao.complete(register)
    huang.complete(huang.task(doc, "Proofread"), {"opinion": "已校对。"})
    seal = sun.task(doc, "Seal")
    sun.call("POST", f"/api/v1/outgoing/{doc}/seal")
    sun.complete(seal)
    dispatch = zhao.task(doc, "Dispatch")
    lists = zhao.call("GET", f"/api/v1/outgoing/{doc}/distribution")["lists"]
    counties = [entry for entry in lists if entry["name"] == "各县（区）人民政府"]
    if not counties:
        raise WalkError("the 分发名单 of the three counties is missing")
    zhao.call("PUT", f"/api/v1/outgoing/{doc}/distribution", {"lists": [counties[0]["id"]]})
    zhao.complete(dispatch)
    if huang.call("GET", f"/api/v1/outgoing/{doc}")["status"] != "dispatched":
        raise WalkError("the notice is not dispatched")
    kind, size = huang.download(f"/api/v1/outgoing/{doc}/ofd", b"PK")
    log(f"封发 {number}; its OFD downloads with a token ({size} bytes, {kind})")

    incoming = None
    for clerk in ("guoyn", "caij", "yanj"):
        client = person(clerk)
        inbox = client.call("GET", "/api/v1/exchange/inbox")["items"]
        delivery = next((d for d in inbox if d.get("number") == number), None)
        if delivery is None:
            raise WalkError(f"{clerk} did not receive {number}")
        if delivery.get("ofdURL"):
            client.download(delivery["ofdURL"], b"PK")
        accepted = client.call("POST", f"/api/v1/exchange/{delivery['id']}/accept")
        log(f"  {clerk} signed for it as {accepted['registrationNumber']}")
        if clerk == "guoyn":
            incoming = accepted["incomingDocumentID"]
    receipts = zhao.call("GET", f"/api/v1/outgoing/{doc}/receipts")["items"]
    if [r["state"] for r in receipts] != ["accepted"] * 3:
        raise WalkError(f"receipts: {[r['state'] for r in receipts]}")

    guo = person("guoyn")
    guo.complete(guo.task(incoming, "Register"))
    guo.complete(guo.task(incoming, "Check"), {"outcome": "approve", "opinion": "属本单位办理。"})
    hu = person("hux")
    propose = hu.task(incoming, "Propose")
    hu.complete(propose, {"opinion": "拟请秘书股牵头办理。", "variables": {"nextAssignee": option(propose, "nextAssignee", "徐慧敏")}})
    xu = person("xuhm")
    instruct = xu.task(incoming, "Instruct")
    xu.complete(instruct, {"opinion": "同意，请秘书股牵头、综合股配合。", "variables": {
        "leadDepartment": option(instruct, "leadDepartment", "秘书股"), "assistDepartments": [option(instruct, "assistDepartments", "综合股")]}})
    result = "已组织各乡镇完成防寒排查。"
    hu.complete(hu.task(incoming, "Handle"), {"opinion": result})
    deng = person("dengh")
    deng.complete(deng.task(incoming, "Handle"), {"opinion": "已配合。"})
    close = guo.task(incoming, "Close")
    if close["decisions"].get("suggestedOpinion") != result:
        raise WalkError("办结 does not start from the 主办's result")
    guo.complete(close, {"opinion": result})
    if guo.call("GET", f"/api/v1/incoming/{incoming}")["status"] != "closed":
        raise WalkError("the 收文 is not closed")
    log("清河县's 收文 handled to 办结")
    notices(person)


def notices(person):
    """通知公告 as a phone client does it: 郭亚楠 publishes to the 局 and 乡镇 of 清河县 with a file and a 回执; 胡晓 finds
    the review on his 工作台; 高原 reads it from his and replies; 郭亚楠 reads the receipts, chases and exports them;
    邱岩 of 东山县 gets 404."""
    guo = person("guoyn")
    column = next((c for c in guo.call("GET", "/api/v1/notice-columns") if c["name"] == "通知公告"), None)
    if not column:
        raise WalkError("郭亚楠 has no 通知公告 column to publish in")
    units = {u["name"]: u["id"] for u in guo.call("GET", "/api/v1/units")}
    wanted = ["清河县财政局", "清河县教育局", "城关镇人民政府", "石桥镇人民政府"]
    notice = guo.call("POST", "/api/v1/notices", {
        "column": column["id"], "title": "关于报送冬季安全检查联系人的通知", "body": "请各单位报送联系人。\n# 报送时间\n- 本周五前",
        "audience": {"units": [{"unit": units[name], "withSubunits": False} for name in wanted]}, "important": True,
        "replyFields": ["attendance", "count", "contact"]}, expect=201)
    nid = notice["id"]
    guo.call("POST", f"/api/v1/notices/{nid}/files", {"name": "联系人表.txt", "contentBase64": base64.b64encode("单位,联系人,电话\n".encode()).decode()}, expect=201)
    guo.call("POST", f"/api/v1/notices/{nid}/submit")
    hu = person("hux")
    todo = next(b for b in hu.call("GET", "/api/v1/desk")["blocks"] if b["block"] == "todo")
    review = next((i for i in todo["items"] if i["title"] == notice["title"]), None)
    if not review:
        raise WalkError("胡晓's 工作台 does not list the notice's review")
    detail = hu.call("GET", review["url"])
    if detail["task"]["assignee"] is None:
        hu.call("POST", f"/api/v1/tasks/{detail['task']['id']}/claim", {})
    hu.complete(detail, {"outcome": "approve", "opinion": "同意发布。"})
    gao = person("gaoy")
    board = next(b for b in gao.call("GET", "/api/v1/desk")["blocks"] if b["block"] == "notices")
    line = next((i for i in board["items"] if i["title"] == notice["title"]), None)
    if not line or not any(t["label"] == "未读" for t in line["tags"]):
        raise WalkError("高原's 工作台 does not show the notice as 未读")
    read = gao.call("GET", line["url"])
    gao.call("POST", f"/api/v1/notices/{nid}/read")
    gao.download(read["attachments"][0]["url"], "单位".encode())
    gao.call("POST", f"/api/v1/notices/{nid}/reply", {"attending": True, "count": 2, "contact": "高原 13800000107"})
    receipts = guo.call("GET", f"/api/v1/notices/{nid}/receipts")
    if receipts["read"] != 1:
        raise WalkError(f"the receipts count {receipts['read']} read, expected 1")
    chased = guo.call("POST", f"/api/v1/notices/{nid}/remind")["reminded"]
    kind, _ = guo.download(f"/api/v1/notices/{nid}/receipts?format=csv", b"")
    if "csv" not in kind:
        raise WalkError(f"the receipt table came as {kind}")
    qiu = person("qiuy")
    status, _, _ = qiu.raw("GET", f"/api/v1/notices/{nid}")
    if status != 404:
        raise WalkError(f"邱岩 of 东山县 opening the notice gets {status}, expected 404")
    log(f"通知公告 published, read and answered from the 工作台, {chased} chased, the table exported; outsiders get 404")


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    binary = os.path.abspath(sys.argv[1])
    keep = "--keep" in sys.argv[2:]
    workdir = tempfile.mkdtemp(prefix="zhengtong-api-walk-")
    server = Server(binary, workdir)
    started = time.monotonic()
    try:
        server.start()
        log(f"demo on {server.base}")
        walk(server.base)
        log(f"passed in {time.monotonic() - started:.1f} s")
        return 0
    except WalkError as error:
        log(f"FAILED: {error}")
        print(server.tail(), file=sys.stderr)
        return 1
    finally:
        server.stop()
        if keep:
            log(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
