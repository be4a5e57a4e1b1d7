"""PDFs made from the committed report PDF for the reader's bounds: its Catalog in a compressed
object stream (optionally followed by padding: an object-stream bomb), or an image drawn on
page 1 whose data inflates to a given size. Made in-test, in well under a second."""

from __future__ import annotations

import re
import zlib
from pathlib import Path


def _deflate(head: bytes, pad: int, byte: bytes = b" ") -> bytes:
    c = zlib.compressobj(9)
    parts, chunk, left = [c.compress(head)], byte * (1 << 22), pad
    while left > 0:
        parts.append(c.compress(chunk[: min(left, len(chunk))]))
        left -= len(chunk)
    parts.append(c.flush())
    return b"".join(parts)


def objstm_pdf(src: bytes, pad: int) -> bytes:
    """``src`` (a PDF with one classic xref table) rewritten with its Catalog inside a
    FlateDecode object stream (its data followed by ``pad`` spaces) and a cross-reference stream
    in place of the table. The object stream is object ``max + 2``, the xref stream ``max + 3``."""
    start = int(re.findall(rb"startxref\s+(\d+)", src)[-1])
    table = src[start:]
    first, count = map(int, re.match(rb"xref\s+(\d+)\s+(\d+)", table).groups())
    entries = re.findall(rb"(\d{10}) (\d{5}) ([nf])", table)[:count]
    offsets = {first + i: int(o) for i, (o, _, t) in enumerate(entries) if t == b"n"}
    trailer = table[table.index(b"trailer"):]
    root = int(re.search(rb"/Root (\d+) 0 R", trailer)[1])
    info = int(re.search(rb"/Info (\d+) 0 R", trailer)[1])
    ends = sorted(offsets.values()) + [start]
    body = {n: src[o: ends[ends.index(o) + 1]] for n, o in offsets.items()}
    out = bytearray(src[: min(offsets.values())])
    size = max(offsets) + 3
    objstm, xref = size - 2, size - 1
    where: dict[int, tuple[int, int]] = {}
    for n in sorted(body):
        if n != root:
            where[n] = (1, len(out))
            out += body[n]
    catalog = re.search(rb"obj\s*(.*?)\s*endobj", body[root], re.S)[1]
    head = b"%d 0 " % root
    data = _deflate(head + catalog + b"\n", pad)
    where[objstm] = (1, len(out))
    out += b"%d 0 obj\n<</Type/ObjStm/N 1/First %d/Filter/FlateDecode/Length %d>>\nstream\n" % (objstm, len(head), len(data)) + data + b"\nendstream\nendobj\n"
    where[root] = (2, objstm)
    at = len(out)
    where[xref] = (1, at)
    rows = b"".join(bytes([where.get(n, (0, 0))[0]]) + where.get(n, (0, 0))[1].to_bytes(4, "big") + b"\0\0" for n in range(size))
    out += b"%d 0 obj\n<</Type/XRef/Size %d/W[1 4 2]/Root %d 0 R/Info %d 0 R/Length %d>>\nstream\n" % (xref, size, root, info, len(rows)) + rows + b"\nendstream\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % at
    return bytes(out)


def with_image(src: Path, out: Path, inflated: int, width: int = 100, height: int = 100) -> None:
    """``src`` with an image (DeviceGray, FlateDecode data of ``inflated`` zero bytes) drawn on
    page 1 at its bottom left corner."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, NumberObject, StreamObject

    writer = PdfWriter(clone_from=str(src))
    page = writer.pages[0]
    img = StreamObject()
    img._data = _deflate(b"", inflated, b"\0")
    img.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"), NameObject("/Width"): NumberObject(width),
                NameObject("/Height"): NumberObject(height), NameObject("/ColorSpace"): NameObject("/DeviceGray"),
                NameObject("/BitsPerComponent"): NumberObject(8), NameObject("/Filter"): NameObject("/FlateDecode")})
    res = page["/Resources"].get_object()
    xobjects = res["/XObject"].get_object() if "/XObject" in res else DictionaryObject()
    xobjects[NameObject("/ImBomb")] = writer._add_object(img)
    res[NameObject("/XObject")] = xobjects
    content = DecodedStreamObject()
    content.set_data(page.get_contents().get_data() + b"\nq 10 0 0 10 0 0 cm /ImBomb Do Q\n")
    page[NameObject("/Contents")] = writer._add_object(content)
    writer.write(str(out))
