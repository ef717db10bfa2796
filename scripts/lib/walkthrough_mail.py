"""The 内部邮件 part of the walkthrough. 赵敏 (文电科, 市政府办公室) writes to 秘书一科 and to 清河县人民政府办公室 (a department and a
unit, chosen in the picker by typing), attaches a file, asks for a receipt (需回执) and sends. 李娜 (秘书一科) opens it and
replies; 张伟 forwards it, with its file, to 陈志强. 赵敏 sends a second message to 黄磊 and 李娜 and, before either has
opened it, recalls it: the page names both. 赵敏 then finds the read receipts on the first message, and the thread with
李娜's reply. Screenshots: mail-inbox.png, mail-compose.png, mail-thread.png and mail-phone.png (375 px, the inbox)."""
import json
import os
import re
import tempfile

SUBJECT = "关于报送年度工作总结的通知（走查）"
BODY = "各科室：\n请于本月25日前报送年度工作总结，格式见附件。\n- 字数3000字以内"
REPLY = "收到，秘书一科按时报送。"
RECALLED = "这封发错了（走查）"
MESSAGE_PATH = r"/mail/messages/[0-9A-Fa-f-]+"
DRAFT_PATH = r"/mail/drafts/[0-9A-Fa-f-]+/edit"


def run(walk, WalkError, log):  # noqa: N803 - the caller's exception class
    b, base = walk.b, walk.base
    failures = []

    def pick(field, query, label):
        """Types into a picker field and clicks the candidate whose text starts with `label`."""
        b.js(f"""setValue("input[data-mail-picker={field}]", {json.dumps(query)});""", f"picker {field}: {query}")
        found = None
        for _ in range(40):
            found = b.js(f"""const btn = Array.from(document.querySelectorAll("[data-mail-results={field}] button"))
                                 .find((x) => x.textContent.trim().startsWith({json.dumps(label)}));
                             if (!btn) return null; btn.click(); return btn.textContent.trim();""")
            if found:
                break
            b.js("return new Promise((r) => setTimeout(() => r(true), 150));")
        if not found:
            raise WalkError(f"the picker found no 「{label}」 for 「{query}」 ({b.url()})")
        return found

    def open_message(subject, who):
        b.goto(base + "/mail", f"{who}: 收件箱")
        href = b.js(f"""const a = Array.from(document.querySelectorAll(".mail-list li a")).find((a) => a.textContent.trim() === {json.dumps(subject)});
                        return a ? a.getAttribute("href") : null;""")
        if not href:
            raise WalkError(f"{who}: 「{subject}」 is not in the inbox")
        b.goto(base + href, f"{who}: open 「{subject}」")
        return href

    # 赵敏 writes.
    walk.login("zhaom", "赵敏")
    b.goto(base + "/", "赵敏: 工作台")
    b.act("""const a = Array.from(document.querySelectorAll("nav a")).find((a) => a.textContent.trim() === "邮件"); if (!a) throw new Error("导航中没有「邮件」"); a.click();""",
          "赵敏: 邮件", path=r"/mail")
    b.act("""const a = Array.from(document.querySelectorAll("a")).find((a) => a.textContent.trim() === "写邮件"); a.click();""", "赵敏: 写邮件",
          path=r"/mail/compose")
    pick("to", "秘书一", "江北市人民政府办公室秘书一科")
    pick("to", "清河县人民政府办公室", "清河县人民政府办公室")
    b.js(f"""setValue("#subject", {json.dumps(SUBJECT)}); setValue("#body", {json.dumps(BODY)});
             need("input[name=receipt]").checked = true;""", "赵敏: fill the message")
    folder = tempfile.mkdtemp(prefix="zhengtong-mail.")
    path = os.path.join(folder, "工作总结格式要求.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write("工作总结格式要求：标题用二号小标宋，正文用三号仿宋。\n")
    document = b.cdp.call("DOM.getDocument")
    node = b.cdp.call("DOM.querySelector", nodeId=document["root"]["nodeId"], selector="input#file[type=file]")
    if not node.get("nodeId"):
        raise WalkError("the compose page has no file input")
    b.cdp.call("DOM.setFileInputFiles", files=[path], nodeId=node["nodeId"])
    walk.shot("mail-compose.png")
    b.act("""need("button[name=action][value=send]").click();""", "赵敏: 发送", flash="邮件已发送。", path=MESSAGE_PATH)
    first = b.path()
    shown = b.js('return text("main");') or ""
    for needle in ["秘书一科", "清河县人民政府办公室", "工作总结格式要求.txt", "收件情况"]:
        if needle not in shown:
            failures.append(f"the sent message does not show 「{needle}」")
    log("  赵敏 mailed 秘书一科 and 清河县人民政府办公室 with a file and 需回执")

    # 赵敏's second message, recalled before anyone opens it.
    b.goto(base + "/mail/compose", "赵敏: 写邮件")
    pick("to", "hl", "黄磊")
    pick("to", "ln", "李娜")
    b.js(f"""setValue("#subject", {json.dumps(RECALLED)}); setValue("#body", "请忽略。");""", "赵敏: fill the second message")
    b.act("""need("button[name=action][value=send]").click();""", "赵敏: 发送", flash="邮件已发送。", path=MESSAGE_PATH)
    b.act("""window.confirm = () => true; const f = need("form[action$='/recall']"); f.querySelector("button").click();""", "赵敏: 撤回", path=MESSAGE_PATH)
    flash = b.js('return text(".flash");') or ""
    if "已从 2 人处撤回" not in flash or "黄磊" not in flash or "李娜" not in flash:
        failures.append(f"the recall says 「{flash}」, expected it to name 黄磊 and 李娜")
    log(f"  赵敏 recalled a message before it was opened: {flash}")

    # 李娜 reads and replies.
    walk.login("lina", "李娜")
    b.goto(base + "/mail", "李娜: 收件箱")
    listed = b.js('return Array.from(document.querySelectorAll(".mail-list li a")).map((a) => a.textContent.trim());') or []
    if RECALLED in listed:
        failures.append("the recalled message is still in 李娜's inbox")
    open_message(SUBJECT, "李娜")
    b.act("""need("button[name=mode][value=reply]").click();""", "李娜: 回复", path=DRAFT_PATH)
    b.js(f"""const body = need("#body"); body.value = {json.dumps(REPLY)} + body.value;""", "李娜: type the reply")
    b.act("""need("button[name=action][value=send]").click();""", "李娜: 发送回复", flash="邮件已发送。", path=MESSAGE_PATH)
    log("  李娜 replied")

    # 张伟 forwards it, with its file, to 陈志强.
    walk.login("zhangw", "张伟")
    open_message(SUBJECT, "张伟")
    b.act("""need("button[name=mode][value=forward]").click();""", "张伟: 转发", path=DRAFT_PATH)
    if "工作总结格式要求.txt" not in (b.js('return text("main");') or ""):
        failures.append("the forward draft does not carry the attachment")
    pick("to", "czq", "陈志强")
    b.act("""need("button[name=action][value=send]").click();""", "张伟: 发送转发", flash="邮件已发送。", path=MESSAGE_PATH)
    log("  张伟 forwarded it with its file to 陈志强")

    # 赵敏: receipts and the thread.
    walk.login("zhaom", "赵敏")
    b.goto(base + first, "赵敏: the first message")
    receipts = b.js("""return Array.from(document.querySelectorAll("table.mail-recipients tbody tr")).map((r) => r.textContent.replace(/\\s+/g, " ").trim());""") or []
    if not any(r.startswith("李娜") and re.search(r"\d{2}:\d{2}", r) for r in receipts):
        failures.append(f"the receipts do not show when 李娜 read it: {receipts}")
    if not any(r.startswith("张伟") and re.search(r"\d{2}:\d{2}", r) for r in receipts):
        failures.append(f"the receipts do not show when 张伟 read it: {receipts}")
    open_message("回复：" + SUBJECT, "赵敏")
    walk.shot("mail-thread.png")
    thread = b.js('return Array.from(document.querySelectorAll(".mail-thread li")).map((li) => li.textContent.replace(/\\s+/g, " ").trim());') or []
    if len(thread) < 2:
        failures.append(f"the thread shows {len(thread)} messages, expected the message and the reply")
    b.goto(base + "/mail", "赵敏: 收件箱")
    walk.shot("mail-inbox.png")
    b.resize(*walk.phone)
    b.goto(base + "/mail", "赵敏: 收件箱 (phone)")
    wide = b.js("return document.documentElement.scrollWidth > window.innerWidth + 1;")
    if wide:
        failures.append("the inbox is wider than a 375 px phone")
    walk.shot("mail-phone.png")
    b.resize(*walk.desktop)
    log("  赵敏 saw the receipts, the thread, and the inbox on a phone")
    return failures
