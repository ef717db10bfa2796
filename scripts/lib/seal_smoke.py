#!/usr/bin/env python3
"""The demo's sealed 发文 as an OFD, checked by the independent GB/T 38540 checker (ses_check.py), then changed by
one character and checked again: the first must hold, the second must not.

    python3 scripts/lib/seal_smoke.py PORT WORKDIR

Signs in as 赵敏 (zhaom, the demo password), finds a dispatched 发文 of her unit through the API, downloads its OFD.
"""

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile

port, work = sys.argv[1], sys.argv[2]
base = f"http://127.0.0.1:{port}/api/v1"
here = os.path.dirname(os.path.abspath(__file__))


def call(path, token=None, data=None):
    """The answer's body; a busy server (503, as the platform sheds load) is asked again, up to five times."""
    for attempt in range(5):
        request = urllib.request.Request(base + path, data=json.dumps(data).encode() if data else None)
        request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", "Bearer " + token)
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            if error.code != 503 or attempt == 4:
                raise SystemExit(f"{path}: HTTP {error.code} {error.read()[:300]!r}")
            time.sleep(2)


token = json.loads(call("/auth/token", data={"username": "zhaom", "password": "Zhengtong@2026"}))["token"]
# The demo may still be writing its sample documents when it starts answering: wait for the dispatched one (30 s).
for _ in range(60):
    items = json.loads(call("/outgoing?scope=register&status=dispatched", token))["items"]
    if items:
        break
    time.sleep(0.5)
else:
    sys.exit("no dispatched 发文 in the demo")
ofd = os.path.join(work, "sealed.ofd")
with open(ofd, "wb") as out:
    out.write(call(f"/outgoing/{items[0]['id']}/ofd", token))

checker = [sys.executable, os.path.join(here, "ses_check.py")]
valid = subprocess.run(checker + [ofd], capture_output=True, text=True)
print(valid.stdout.strip())
if valid.returncode != 0:
    sys.exit("the sealed OFD does not verify in the independent checker")

# One character of the text changed, everything else as it was.
tampered = os.path.join(work, "tampered.ofd")
with zipfile.ZipFile(ofd) as source, zipfile.ZipFile(tampered, "w", zipfile.ZIP_DEFLATED) as target:
    for info in source.infolist():
        data = source.read(info.filename)
        if info.filename == "Doc_0/Pages/Page_0/Content.xml":
            text = data.decode("utf-8")
            index = text.index("</ofd:TextCode>") - 1
            data = (text[:index] + ("一" if text[index] != "一" else "二") + text[index + 1:]).encode("utf-8")
        target.writestr(info, data)
caught = subprocess.run(checker + [tampered, "--expect-invalid"], capture_output=True, text=True)
print(caught.stdout.strip())
if caught.returncode != 0:
    sys.exit("the changed OFD was not caught")
print("ok: the sealed OFD verifies independently and the changed one does not")
