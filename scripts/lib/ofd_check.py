#!/usr/bin/env python3
"""Open an OFD file with an independent reader (easyofd, from PyPI) and check its text and its fonts.

    python3 scripts/lib/ofd_check.py FILE.ofd EXPECTED_TEXT...

Exits 0 only when
- easyofd reads the file and every EXPECTED_TEXT occurs in the text it extracts (within one text object, or
  across consecutive ones, e.g. a sentence broken over two lines);
- every text object (page content and annotations such as the seal) is drawn in a font the package carries
  (a `FontFile`), and that font, read with fontTools, has a glyph with an outline for each of its characters;
- easyofd renders the file to PDF with those embedded fonts and no other CJK font, and every EXPECTED_TEXT
  occurs in the text extracted from that PDF (PyMuPDF), and every text object's box has ink on the page.
Otherwise it prints what it found and exits 1. The pages are also saved as PNG next to the file
(FILE.page1.png, ...) for a person to look at.

easyofd is installed with pip when missing. Notes on what it does and does not do:
- It draws every text object in one font named "宋体" whatever the object's font; when that font is not
  installed (Linux without Windows fonts) Chinese comes out blank. It does register the package's embedded
  fonts under their FontName, so this script makes it draw each object in the object's own embedded font
  (and nothing else: no system CJK font is registered), which is what a reader honouring FontFile does.
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


OFD_NS = "{http://www.ofdspec.org/2016}"


def resolve(base_dir, location):
    """A location in the package: absolute from the root when it starts with '/', else from base_dir."""
    if location.startswith("/"):
        return location.lstrip("/")
    return os.path.normpath(os.path.join(base_dir, location)).replace(os.sep, "/")


def text_objects(path):
    """Every TextObject of the package, read with the standard library (not easyofd): yields
    (where, font_id, text, boundary in mm), with the fonts as {id: (name, embedded file bytes or None)}."""
    import xml.etree.ElementTree as ET
    import zipfile

    package = zipfile.ZipFile(path)
    names = set(package.namelist())

    def xml(name):
        return ET.fromstring(package.read(name))

    root = xml("OFD.xml")
    doc_root = root.find(f"{OFD_NS}DocBody/{OFD_NS}DocRoot").text.strip().lstrip("/")
    doc_dir = os.path.dirname(doc_root)
    document = xml(doc_root)
    fonts = {}
    common = document.find(f"{OFD_NS}CommonData")
    for tag in ("PublicRes", "DocumentRes"):
        for res_loc in common.findall(f"{OFD_NS}{tag}"):
            res_path = resolve(doc_dir, res_loc.text.strip())
            res = xml(res_path)
            base = resolve(os.path.dirname(res_path), res.get("BaseLoc", "."))
            for font in res.iter(f"{OFD_NS}Font"):
                file_element = font.find(f"{OFD_NS}FontFile")
                data = None
                if file_element is not None:
                    file_path = resolve(base, file_element.text.strip())
                    data = package.read(file_path) if file_path in names else b""
                fonts[font.get("ID")] = (font.get("FontName"), data)

    def objects_in(name, label):
        for obj in xml(name).iter(f"{OFD_NS}TextObject"):
            text = "".join(code.text or "" for code in obj.findall(f"{OFD_NS}TextCode"))
            box = [float(v) for v in obj.get("Boundary").split()]
            yield label, obj.get("Font"), text, box

    pages = document.findall(f"{OFD_NS}Pages/{OFD_NS}Page")
    for number, page in enumerate(pages, start=1):
        page_path = resolve(doc_dir, page.get("BaseLoc"))
        yield from ((w, f, t, b, number, fonts) for w, f, t, b in objects_in(page_path, f"page {number}"))
    annotations = document.find(f"{OFD_NS}Annotations")
    if annotations is not None:
        list_path = resolve(doc_dir, annotations.text.strip())
        for page in xml(list_path).findall(f"{OFD_NS}Page"):
            number = 1 + [p.get("ID") for p in pages].index(page.get("PageID"))
            annot_path = resolve(os.path.dirname(list_path), page.find(f"{OFD_NS}FileLoc").text.strip())
            yield from ((w, f, t, None, number, fonts) for w, f, t, _ in objects_in(annot_path, f"annotation on page {number}"))


def check_embedded_fonts(path):
    """Problems with the fonts of the package's text objects (empty when every character has a glyph)."""
    from fontTools.ttLib import TTFont

    problems = []
    parsed = {}
    objects = list(text_objects(path))
    for where, font_id, text, _, _, fonts in objects:
        name, data = fonts.get(font_id, (None, None))
        if name is None:
            problems.append(f"{where}: text object {text!r} uses font {font_id}, which PublicRes does not declare")
            continue
        if not data:
            problems.append(f"{where}: {text!r} is drawn in {name!r}, which the package does not carry (no FontFile)")
            continue
        if font_id not in parsed:
            font = TTFont(io.BytesIO(data))
            parsed[font_id] = (font, font.getBestCmap() or {}, font["glyf"] if "glyf" in font else None)
        font, cmap, glyf = parsed[font_id]
        for character in text:
            if character.isspace():
                continue
            glyph = cmap.get(ord(character))
            if glyph is None:
                problems.append(f"{where}: {name!r} has no glyph for {character!r} (in {text!r})")
            elif glyf is not None and glyf[glyph].numberOfContours == 0:
                problems.append(f"{where}: {name!r} maps {character!r} to an empty glyph")
    return objects, problems


def draw_in_embedded_fonts():
    """Makes easyofd draw each text object in its own embedded font instead of always in "宋体". easyofd
    registers each FontFile with reportlab under the file's name without extension ("Font_0.ttf" as
    "Font_0"); an object whose font is not embedded is still drawn in "宋体", which is not installed here."""
    from easyofd.draw import draw_pdf

    original = draw_pdf.DrawPDF.draw_chars

    class FontCanvas:
        def __init__(self, canvas, name):
            self._canvas, self._name = canvas, name

        def setFont(self, _name, size, *args, **kwargs):
            return self._canvas.setFont(self._name, size, *args, **kwargs)

        def __getattr__(self, attribute):
            return getattr(self._canvas, attribute)

    def draw_chars(self, canvas, text_list, fonts, page_size, drawparams):
        for line in text_list:
            file = (fonts.get(line.get("font")) or {}).get("FontFile")
            name = os.path.splitext(os.path.basename(file))[0] if file else "宋体"
            original(self, FontCanvas(canvas, name), [line], fonts, page_size, drawparams)

    draw_pdf.DrawPDF.draw_chars = draw_chars


def inkless_objects(rendered, objects):
    """Page text objects whose box on the rendered PDF page has no dark pixel."""
    import fitz

    empty = []
    for where, _, text, box, number, _ in objects:
        if box is None or not text.strip() or number > len(rendered):
            continue
        page = rendered[number - 1]
        # easyofd's PDF pages are not in points: it scales millimetres by its own factor (200/25.4), so the
        # scale is taken from the page: A4 is 210 mm wide.
        points = page.rect.width / 210
        x, y, w, h = box
        clip = fitz.Rect(x * points, y * points, (x + w) * points, (y + h) * points)
        pixmap = page.get_pixmap(clip=clip, colorspace=fitz.csGRAY)
        if pixmap.samples and min(pixmap.samples) > 200:
            empty.append(f"{where}: nothing drawn for {text!r}")
    return empty


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

        objects, font_problems = check_embedded_fonts(path)
        print(f"  {len(objects)} text object(s) checked against the package's own fonts: {len(font_problems)} problem(s)")

        # Render with the embedded fonts only, extract the text back and look for ink.
        stem = os.path.splitext(path)[0]
        render_problems = []
        draw_in_embedded_fonts()
        try:
            pdf, _ = quietly(ofd.to_pdf)
            import fitz  # PyMuPDF, an easyofd dependency

            rendered = fitz.open(stream=pdf, filetype="pdf")
            rendered_text = "".join(page.get_text() for page in rendered)
            if "ofd 格式错误" in rendered_text:
                render_problems.append("easyofd could not render the file (it drew its error page)")
            else:
                images, _ = quietly(ofd.pdf2img, pdf)
                for index, image in enumerate(images, start=1):
                    image = image.resize((image.width // 2, image.height // 2))
                    out = f"{stem}.page{index}.png"
                    image.save(out)
                    print(f"  rendered page {index}: {out}")
                flat = "".join(rendered_text.split())
                render_problems += [f"not in the rendered PDF's text: {text}" for text in expected if "".join(text.split()) not in flat]
                render_problems += inkless_objects(rendered, objects)
        except Exception as error:
            render_problems.append(f"easyofd could not render: {error!r}")

        for problem in font_problems[:20] + render_problems[:20]:
            print(f"  {problem}")
        if font_problems or render_problems:
            print(f"FAIL: {len(font_problems)} font problem(s), {len(render_problems)} rendering problem(s)")
            return 1

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
