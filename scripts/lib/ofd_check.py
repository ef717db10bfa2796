#!/usr/bin/env python3
"""Open an OFD file with an independent reader (easyofd, from PyPI) and check its text.

    python3 scripts/lib/ofd_check.py FILE.ofd EXPECTED_TEXT...

Exits 0 only when easyofd reads the file and every EXPECTED_TEXT occurs in the text it extracts (within one
text object, or across consecutive ones, e.g. a sentence broken over two lines). Otherwise it prints what
it found and exits 1. It also renders the pages with easyofd (OFD -> PDF -> PNG) next to the file, as
FILE.page1.png, FILE.page2.png ..., for a person to look at; a rendering failure is reported, not fatal.

easyofd is installed with pip when missing. Notes on what it does and does not do:
- It renders every text object in its one font name "宋体"; when no such font is installed (Linux
  without Windows fonts) reportlab falls back to Helvetica and Chinese comes out blank. This script
  registers reportlab's built-in CID font STSong-Light under that name first, so the PNG shows the text.
- It draws Stamp annotations only from an image (ImageObject, or the seal image inside a GB/T 38540
  SignedValue); a seal drawn as vector paths and text, as Zhengtong writes it, is parsed (reported below)
  but not drawn in the PNG.
"""

import contextlib
import importlib
import importlib.util
import io
import logging
import os
import subprocess
import sys
import tempfile
import warnings


def ensure_easyofd():
    if importlib.util.find_spec("easyofd") is None:
        print("installing easyofd from PyPI …", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "easyofd"], check=True)
        importlib.invalidate_caches()


def quietly(function, *args, **kwargs):
    """Runs easyofd code with its prints, loguru and logging output captured; returns (result, log)."""
    log = io.StringIO()
    with contextlib.redirect_stdout(log), contextlib.redirect_stderr(log):
        return function(*args, **kwargs), log.getvalue()


def import_easyofd():
    warnings.filterwarnings("ignore")
    logging.getLogger().setLevel(logging.ERROR)
    from loguru import logger  # an easyofd dependency; its import-time font warnings go to loguru

    logger.remove()
    module, _ = quietly(importlib.import_module, "easyofd")
    return module


def register_cjk_font():
    """Gives reportlab a font named 宋体 (easyofd draws all text in it) backed by the STSong-Light CID font."""
    try:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont

        try:
            pdfmetrics.getFont("宋体")
            return True
        except Exception:
            pass
        font = UnicodeCIDFont("STSong-Light")
        font.fontName = "宋体"
        font.name = "宋体"
        pdfmetrics.registerFont(font)
        return True
    except Exception as error:  # rendering is for looking at only
        print(f"warning: no CJK font for rendering ({error})", file=sys.stderr)
        return False


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    path = os.path.abspath(argv[1])
    expected = argv[2:]
    if not os.path.isfile(path):
        print(f"no such file: {path}", file=sys.stderr)
        return 2

    ensure_easyofd()
    easyofd = import_easyofd()

    # easyofd unpacks into the working directory; keep that out of the caller's tree.
    workdir = tempfile.mkdtemp(prefix="ofd_check_")
    previous = os.getcwd()
    os.chdir(workdir)
    try:
        ofd = easyofd.OFD()
        try:
            _, log = quietly(ofd.read, path, fmt="path")
        except Exception as error:
            print(f"FAIL: easyofd {easyofd.__version__} could not read {path}: {error!r}")
            return 1
        documents = ofd.data or []
        if not documents:
            print(f"FAIL: easyofd read no document from {path}")
            return 1

        runs_by_page = []  # (page number from 1, [text of each text object])
        for document in documents:
            for number in sorted(document.get("page_info", {})):
                page = document["page_info"][number]
                runs_by_page.append((number + 1, [str(t.get("text", "")) for t in page.get("text_list", [])]))
        all_runs = [run for _, runs in runs_by_page for run in runs]
        joined = "".join(all_runs)

        print(f"easyofd {easyofd.__version__} read {path}: {len(runs_by_page)} page(s), {len(all_runs)} text object(s)")
        for document in documents:
            for page, signatures in sorted((document.get("signatures_page_id") or {}).items(), key=lambda kv: str(kv[0])):
                for signature in signatures or []:
                    print(f"  signature on page {int(page) + 1}: PageRef {signature.get('PageRef')}, Boundary {signature.get('Boundary')}")
            for page, annotations in sorted((document.get("annotation_info") or {}).items()):
                for annot_id, annot in annotations.items():
                    kind = annot.get("AnnoType")
                    kind = kind.get("type") if isinstance(kind, dict) else kind
                    print(f"  annotation {annot_id} on page {int(page) + 1}: {kind}, Boundary {annot.get('Appearance', {}).get('Boundary')}")
            fonts = document.get("fonts") or {}
            if fonts:
                print("  fonts: " + ", ".join(f"{fid}={f.get('FontNameORI')}" for fid, f in fonts.items()))

        missing = [text for text in expected if text not in joined]
        for text in expected:
            print(f"  {'found' if text not in missing else 'MISSING'}: {text}")

        # Render for a person to look at.
        stem = os.path.splitext(path)[0]
        if register_cjk_font():
            try:
                pdf, _ = quietly(ofd.to_pdf)
                import fitz  # PyMuPDF, an easyofd dependency

                rendered = fitz.open(stream=pdf, filetype="pdf")
                rendered_text = "".join(page.get_text() for page in rendered)
                if "ofd 格式错误" in rendered_text:
                    print("warning: easyofd could not render the file (it drew its error page)")
                else:
                    images, _ = quietly(ofd.pdf2img, pdf)
                    for index, image in enumerate(images, start=1):
                        image = image.resize((image.width // 2, image.height // 2))
                        out = f"{stem}.page{index}.png"
                        image.save(out)
                        print(f"  rendered page {index}: {out}")
                    flat = rendered_text.replace("\n", "")
                    unrendered = [text for text in expected if text not in flat]
                    if unrendered:
                        print("  note: not in the rendered PDF's text: " + ", ".join(unrendered))
            except Exception as error:
                print(f"warning: easyofd could not render: {error!r}")

        if missing:
            print(f"FAIL: {len(missing)} of {len(expected)} expected text(s) missing. Text easyofd extracted:")
            for number, runs in runs_by_page:
                print(f"  page {number}:")
                for run in runs:
                    print(f"    {run}")
            return 1
        print(f"OK: all {len(expected)} expected text(s) found")
        return 0
    finally:
        os.chdir(previous)
        with contextlib.suppress(OSError):
            for name in os.listdir(workdir):
                target = os.path.join(workdir, name)
                if os.path.isfile(target):
                    os.remove(target)
            os.rmdir(workdir)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
