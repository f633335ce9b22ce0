#!/usr/bin/env python3
"""Write a directory tree as a gzip'd cpio archive in the "newc" format
(the format the Linux kernel unpacks as an initramfs).  Usage:
    mkcpio.py DIR OUT.gz
Owners become root; symlinks are kept as links."""
import gzip, os, stat, sys


def entry(out, name, st, data, ino):
    hdr = "070701" + "".join("%08X" % v for v in (
        ino, st.st_mode, 0, 0, 1 if not stat.S_ISDIR(st.st_mode) else 2,
        int(st.st_mtime), len(data), 0, 0, 0, 0, len(name) + 1, 0))
    b = hdr.encode() + name.encode() + b"\0"
    b += b"\0" * (-len(b) % 4)
    b += data + b"\0" * (-len(data) % 4)
    out.write(b)


def main():
    top, dest = sys.argv[1], sys.argv[2]
    with gzip.open(dest, "wb", compresslevel=9) as out:
        ino = 1
        for d, dirs, files in os.walk(top):
            dirs.sort()
            for n in sorted(dirs) + sorted(files):
                p = os.path.join(d, n)
                rel = os.path.relpath(p, top)
                st = os.lstat(p)
                if stat.S_ISLNK(st.st_mode):
                    data = os.readlink(p).encode()
                elif stat.S_ISREG(st.st_mode):
                    data = open(p, "rb").read()
                else:
                    data = b""
                entry(out, rel, st, data, ino)
                ino += 1
        entry(out, "TRAILER!!!", os.stat_result((0,) * 10), b"", 0)


main()
