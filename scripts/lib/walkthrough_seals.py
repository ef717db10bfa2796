"""The 印章管理 part of the walkthrough: 吴涛 (系统管理员) opens 江北市人民政府办公室's seals — the national seal (SM2,
GB/T 38540) made at the first 用印 of the run is there — and makes a second one, a 合同专用章 kept by 孙丽; the list then
shows 2 of 3, each with its 制章机构 and certificate fingerprint. Screenshots: unit-seals.png, unit-seals-phone.png."""
import json

UNIT = "江北市人民政府办公室"
NAME = "江北市人民政府办公室合同专用章"
SHOTS = ["unit-seals.png", "unit-seals-phone.png"]


def run(walk, WalkError, log):  # noqa: N803 - the caller's exception class
    b, base = walk.b, walk.base
    failures = []
    walk.login("admin", "吴涛")
    b.goto(base + "/admin/units", "吴涛: 单位")
    path = b.js(f"""const a = Array.from(document.querySelectorAll('a[href$="/issuer-codes"]'))
                      .find((a) => (a.closest("tr, li") || a).textContent.includes({json.dumps(UNIT)}));
                    return a ? new URL(a.href).pathname.replace(/issuer-codes$/, "seals") : null;""")
    if not path:
        raise WalkError(f"no 机关代字 link for {UNIT} on 管理 › 单位")
    b.goto(base + path, "吴涛: 印章管理")
    before = b.js('return {count: text(".count"), kinds: Array.from(document.querySelectorAll(".seal-item")).map((e) => e.textContent)};')
    if not before["kinds"] or "国密电子印章（SM2）" not in before["kinds"][0] or "政通印章制作中心" not in before["kinds"][0]:
        failures.append(f"the first seal is not shown as a national seal made by the platform's authority: {before}")
    b.js(f"""setValue("#seal-name", {json.dumps(NAME)});
             const keeper = need("#seal-keeper");
             const option = Array.from(keeper.options).find((o) => o.textContent.trim() === "孙丽");
             if (!option) throw new Error("孙丽 is not offered as 印章管理员");
             keeper.value = option.value;""", "吴涛: fill 制作印章")
    b.act('submitButton("form[action$=\\"/seals\\"]");', "吴涛: 制作", flash="印章已制作", path=path)
    after = b.js('return {count: text(".count"), names: Array.from(document.querySelectorAll(".seal-item h3")).map((e) => e.textContent.trim())};')
    log(f"  seals: {after}")
    if after["count"] != "2 / 3" or NAME not in after["names"]:
        failures.append(f"after making {NAME} the page shows {after}, expected 2 / 3 with it listed")
    walk.shot("unit-seals.png")
    b.resize(*walk.phone)
    b.goto(base + path, "吴涛: 印章管理 on a phone")
    walk.shot("unit-seals-phone.png")
    b.resize(*walk.desktop)
    return failures
