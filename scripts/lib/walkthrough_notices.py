"""The 通知公告 part of the walkthrough: 清河县政府办's clerk 郭亚楠 drafts a 重要 notice with a picture attached and a 回执,
for every 局 and 乡镇 of the county; 胡晓 reviews it from his 工作台; 高原 (县财政局) opens it from his 工作台 and fills the
回执, 唐欣 (城关镇) does the same on a phone; 何军 (县财政局's leader) sees it on his; 郭亚楠 looks at 已读/未读, sends
催阅 and exports the table; 邱岩 of 东山县, outside the audience, neither sees, finds nor opens it (404).
Screenshots: desk-clerk.png, notice.png, desk-phone.png, desk-leader.png, receipts.png."""
import json
import os
import re
import struct
import tempfile
import time
import urllib.parse
import zlib

TITLE = "关于报送冬季安全检查联系人的通知"
BODY = "\n".join([
    "为做好冬季安全检查工作，请各单位报送检查联系人。",
    "# 一、报送内容",
    "- 联系人姓名、职务和手机号码。",
    "- 是否参加县里组织的冬季防寒专项部署会。",
    "# 二、报送时间",
    "请于本周五前通过本通知的**回执**报送，逾期不报的予以通报。",
])
SEARCH_WORD = "防寒专项"
UNITS = ["清河县财政局", "清河县教育局", "城关镇人民政府", "石桥镇人民政府"]


def picture(path):
    """A small PNG (the map of the inspection areas, as a grey block with a red band), written with the standard library."""
    width, height = 240, 120
    rows = b"".join(b"\x00" + b"".join((b"\xb7\x1c\x1c" if 40 <= y < 80 else b"\xdd\xe1\xe6") for _ in range(width)) for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(png)


def run(walk, WalkError, log):  # noqa: N803 - the caller's exception class
    b, base = walk.b, walk.base
    failures = []

    def desk_block(name):
        return b.js(f'const s = document.querySelector(".desk-block[data-block={name}]"); return s ? s.innerText : null;') or ""

    def open_from_desk(block, who):
        b.act(f"""const a = Array.from(document.querySelectorAll(".desk-block[data-block={block}] .desk-items a"))
                      .find((a) => a.textContent.trim() === {json.dumps(TITLE)});
                  if (!a) throw new Error("工作台的{block}板块中没有这条通知"); a.click();""", f"{who}: open it from the 工作台")

    # 郭亚楠: her 工作台, then the notice.
    walk.login("guoyn", "郭亚楠")
    b.goto(base + "/", "郭亚楠: 工作台")
    walk.shot("desk-clerk.png")
    blocks = b.js('return Array.from(document.querySelectorAll(".desk-block")).map((s) => s.dataset.block);')
    if not blocks or blocks[0] != "todo" or "inbox" not in blocks:
        failures.append(f"the clerk's 工作台 shows the blocks {blocks}, expected 待办 first and 待签收")
    b.goto(base + "/notices/new", "郭亚楠: 起草通知公告")
    b.js(f"""choose("#column", (l) => l === "通知公告", "通知公告");
             setValue("#title", {json.dumps(TITLE)}); setValue("#body", {json.dumps(BODY)});
             const wanted = {json.dumps(UNITS)};
             const units = need("#units"); let picked = 0;
             Array.from(units.options).forEach((o) => {{ if (wanted.includes(o.textContent.trim())) {{ o.selected = true; picked++; }} }});
             if (picked !== wanted.length) throw new Error("单位中缺少 " + wanted.join("、") + "；有：" + Array.from(units.options).map((o) => o.textContent.trim()).join(" | "));
             need("input[name=important]").checked = true;
             ["attendance", "count", "contact"].forEach((v) => {{ need("input[name='replyFields[]'][value=" + v + "]").checked = true; }});""",
         "郭亚楠: fill in the notice")
    b.act('submitButton("form.notice-form");', "郭亚楠: 保存", flash="已保存。", path=r"/notices/[0-9A-Fa-f-]+")
    notice_path = b.path()
    notice_url = base + notice_path

    # The picture: an input[type=file] is filled through the DevTools protocol, as a person choosing a file would.
    folder = tempfile.mkdtemp(prefix="zhengtong-notice.")
    png = os.path.join(folder, "检查区域示意图.png")
    picture(png)
    document = b.cdp.call("DOM.getDocument")
    node = b.cdp.call("DOM.querySelector", nodeId=document["root"]["nodeId"], selector="input#file[type=file]")
    if not node.get("nodeId"):
        raise WalkError("the draft's page has no file input")
    b.cdp.call("DOM.setFileInputFiles", files=[png], nodeId=node["nodeId"])
    b.act('need("input#file").form.submit();', "郭亚楠: 上传附件", flash="附件已上传。", path=re.escape(notice_path))
    if not b.js('return !!document.querySelector(".notice-picture img");'):
        failures.append("the uploaded picture is not shown in the notice")
    b.act(f'submitButton("form[action=\\"{notice_path}/submit\\"]");', "郭亚楠: 送审", flash="已送审，审核通过后发布。")
    log("  郭亚楠 drafted the notice with a picture and a 回执 and sent it for review")

    # 胡晓: the review is on his 工作台.
    walk.login("hux", "胡晓")
    b.goto(base + "/", "胡晓: 工作台")
    open_from_desk("todo", "胡晓")
    if not re.fullmatch(r"/tasks/[0-9A-Fa-f-]+", b.path()):
        raise WalkError(f"胡晓: the 待办 link led to {b.url()}")
    if b.js('return !!document.querySelector("form[action$=\\"/claim\\"]");'):
        b.act('submitButton("form[action$=\\"/claim\\"]");', "胡晓: claim the review", flash="已认领。")
    if TITLE not in (b.js('return text(".notice-panel") || "";') or ""):
        failures.append("the review task page does not show the notice")
    walk.complete("审核", opinion="同意发布。", outcome="approve")

    # 高原 (县财政局): from his 工作台, the notice, the 回执.
    walk.login("gaoy", "高原")
    b.goto(base + "/", "高原: 工作台")
    shown = desk_block("notices")
    if TITLE not in shown or "重要" not in shown or "未读" not in shown:
        failures.append(f"高原's 通知公告 block does not show the notice as 重要 and 未读: 「{shown}」")
    open_from_desk("notices", "高原")
    walk.shot("notice.png")
    b.js("""need("input[name=attending][value=yes]").click(); setValue("#count", "2"); setValue("#contact", "高原 13800000107");""", "高原: fill the 回执")
    b.act('submitButton(".notice-reply form");', "高原: 提交回执", flash="回执已提交。")

    # 唐欣 (城关镇) on a phone.
    walk.login("tangx", "唐欣")
    b.resize(*walk.phone)
    b.goto(base + "/", "唐欣: 工作台 on a phone")
    walk.shot("desk-phone.png")
    first = b.js('const s = Array.from(document.querySelectorAll(".desk-block")).sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)[0];'
                 'return s ? s.dataset.block : null;')
    if first != "todo":
        failures.append(f"at phone width the first block is {first}, expected 待办")
    open_from_desk("notices", "唐欣")
    b.js("""need("input[name=attending][value=no]").click(); setValue("#count", "0"); setValue("#contact", "唐欣 13800000111");""", "唐欣: fill the 回执")
    b.act('submitButton(".notice-reply form");', "唐欣: 提交回执", flash="回执已提交。")
    b.resize(*walk.desktop)

    # 何军, the leader of 县财政局: the notice is on his 工作台 too (he does not open it yet).
    walk.login("hejun", "何军")
    b.goto(base + "/", "何军: 工作台")
    walk.shot("desk-leader.png")
    if TITLE not in desk_block("notices"):
        failures.append("the leader 何军's 工作台 does not show the notice")
    if not b.js('return !!document.querySelector(".desk-block[data-block=overdue]");'):
        failures.append("the leader's 工作台 has no 逾期事项 block")

    # 郭亚楠: who has read it, 催阅, the table.
    walk.login("guoyn", "郭亚楠")
    b.goto(notice_url + "/receipts", "郭亚楠: 阅读与回执")
    walk.shot("receipts.png")
    people = b.js("""return Array.from(document.querySelectorAll("table.receipts-people tbody tr"))
                      .map((r) => Array.from(r.querySelectorAll("td")).map((c) => c.textContent.trim()));""") or []
    read = [row[0] for row in people if row and "未读" not in row[2]]
    # 何军 only saw it listed on his 工作台: that is not reading it.
    if sorted(read) != sorted(["高原", "唐欣"]):
        failures.append(f"the receipts show as read {read}, expected 高原 and 唐欣")
    unread = len(people) - len(read)
    b.act('submitButton("form[action$=\\"/remind\\"]");', "郭亚楠: 催阅", flash=f"已向 {unread} 位未读人员催阅。")
    csv = b.js(f'return fetch({json.dumps(notice_path + "/receipts.csv")}, {{credentials: "same-origin"}}).then((r) => r.text());', "郭亚楠: export the table")
    for needle in ["高原", "13800000107", "唐欣", "不参加"]:
        if needle not in (csv or ""):
            failures.append(f"the exported table does not contain 「{needle}」")
    log(f"  receipts: {len(read)} read, {unread} chased; the table has {len((csv or '').splitlines())} lines")

    # 邱岩 of 东山县: not on her 工作台, not found, not opened.
    walk.login("qiuy", "邱岩")
    b.goto(base + "/", "邱岩: 工作台")
    if TITLE in desk_block("notices"):
        failures.append("邱岩, outside the audience, has the notice on her 工作台")
    b.goto(base + "/search?q=" + urllib.parse.quote(SEARCH_WORD), "邱岩: 查找")
    if TITLE in (b.js('return text(".search-results") || "";') or ""):
        failures.append("邱岩, outside the audience, finds the notice")
    b.cdp.events.clear()
    b.cdp.call("Page.navigate", url=notice_url)
    status = b._wait_load("邱岩: open the notice's address")
    if status != 404:
        failures.append(f"邱岩 opening the notice's address gets HTTP {status}, expected 404")
    # A reader finds it by a word of its body (the index follows within a second or two).
    walk.login("gaoy", "高原")
    for _ in range(10):
        b.goto(base + "/search?q=" + urllib.parse.quote(SEARCH_WORD), "高原: 查找")
        if TITLE in (b.js('return text(".search-results") || "";') or ""):
            break
        time.sleep(1)
    else:
        failures.append(f"高原 does not find the notice by 「{SEARCH_WORD}」")
    return failures
