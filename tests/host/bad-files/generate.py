#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the bad-file corpus (one malformed file per case) into this folder.

Run it again after changing a case; bad-files.tsv lists what each file must give.
Records and checksums follow the same specifications the parsers cite.
"""
import struct
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent


def ihex(rtype, addr, data):
    b = [len(data), (addr >> 8) & 255, addr & 255, rtype] + list(data)
    return ":" + "".join("%02X" % x for x in b) + "%02X" % ((-sum(b)) & 255)


def srec(rtype, addr, data):
    width = {0: 2, 1: 2, 2: 3, 3: 4, 5: 2, 7: 4, 8: 3, 9: 2}[rtype]
    b = [width + len(data) + 1] + list(addr.to_bytes(width, "big")) + list(data)
    return "S%d" % rtype + "".join("%02X" % x for x in b) + "%02X" % ((~sum(b)) & 255)


def dfu_suffix(body, bcd_dfu=0x011A):
    suffix = struct.pack("<HHHH3sB", 0xFFFF, 0xDF11, 0x0483, bcd_dfu, b"UFD", 16)
    crc = ~zlib.crc32(body + suffix) & 0xFFFFFFFF
    return body + suffix + struct.pack("<I", crc)


def dfuse(elements, claimed=None):
    body = b"".join(struct.pack("<II", a, len(d) if claimed is None else claimed) + d
                    for a, d in elements)
    target = b"Target" + struct.pack("<BI", 0, 1) + b"Internal Flash".ljust(255, b"\0")
    target += struct.pack("<II", len(body), len(elements)) + body
    prefix = b"DfuSe\x01" + struct.pack("<IB", 11 + len(target) + 16, 1)
    return dfu_suffix(prefix + target)


def elf(etype, segments, cut=0):
    """32-bit little-endian ARM ELF; segments are (p_paddr, data)."""
    phoff, data_at = 52, 52 + 32 * len(segments)
    head = struct.pack("<16sHHIIIIIHHHHHH", b"\x7fELF\x01\x01\x01" + bytes(9), etype, 40, 1,
                       0x08000009, phoff, 0, 0, 52, 32, len(segments), 0, 0, 0)
    phdrs, blob = b"", b""
    for paddr, data in segments:
        phdrs += struct.pack("<8I", 1, data_at + len(blob), paddr, paddr, len(data), len(data),
                             4, 4)
        blob += data
    out = head + phdrs + blob
    return out[:len(out) - cut]


def main():
    eof = ihex(1, 0, [])
    words = bytes(range(16))
    text = {
        "bad-checksum.hex": [ihex(4, 0, [8, 0]), ihex(0, 0, b"\xde\xad\xbe\xef")[:-2] + "3A", eof],
        "truncated-line.hex": [ihex(4, 0, [8, 0]), ihex(0, 0, words)[:20], eof],
        "bad-hex-digit.hex": [ihex(0, 0, b"\xde\xad\xbe\xef").replace("BE", "BG"), eof],
        "past-4gib.hex": [ihex(4, 0, [0xFF, 0xFF]), ihex(0, 0xFFF8, words), eof],
        "no-eof.hex": [ihex(4, 0, [8, 0]), ihex(0, 0, words)],
        "overlap.hex": [ihex(0, 0, words), ihex(0, 8, words)],
        "bad-checksum.srec": [srec(0, 0, b"HDR"), srec(3, 0x08000000, words)[:-2] + "00",
                              srec(7, 0x08000000, b"")],
        "truncated.srec": [srec(3, 0x08000000, words)[:30], srec(7, 0x08000000, b"")],
        "past-4gib.s19": [srec(3, 0xFFFFFFF8, words), srec(7, 0, b"")],
        "no-termination.srec": [srec(0, 0, b"HDR"), srec(3, 0x08000000, words)],
        "overlap.srec": [srec(3, 0x08000000, words), srec(3, 0x08000004, words),
                         srec(7, 0x08000000, b"")],
    }
    for name, lines in text.items():
        (HERE / name).write_text("\n".join(lines) + "\n")
    good = dfuse([(0x08000000, words)])
    binary = {
        "bad-crc.dfu": good[:40] + bytes([good[40] ^ 1]) + good[41:],
        "bad-prefix.dfu": dfu_suffix(b"DfuSx" + good[5:-16]),
        "element-beyond-end.dfu": dfuse([(0x08000000, words)], claimed=4096),
        "no-suffix.dfu": good[:-16],
        "overlap.dfu": dfuse([(0x08000000, words), (0x08000008, words)]),
        "truncated.elf": elf(2, [(0x08000000, words * 4)], cut=32),
        "relocatable.elf": elf(1, [(0x08000000, words)]),
        "overlap.elf": elf(2, [(0x08000000, words), (0x08000008, words)]),
        "unknown-format.img": bytes([0x00, 0x50, 0x00, 0x20]) + words,
    }
    for name, data in binary.items():
        (HERE / name).write_bytes(data)


if __name__ == "__main__":
    main()
