#!/bin/sh
# make run: render conf/zcp.cnf.in into build/run/ and start Hercules on its
# panel, IPLing ZCP automatically: from a copy of the system residence volume
# (so the session never touches the build output), else from the card deck.
set -eu
cd "$(dirname "$0")/.."

run=build/run
mkdir -p "$run"
here=$(pwd)

if [ -f build/zcpres.3390 ]; then
    cp build/zcpres.3390 "$run/zcpres.3390"
    devices="0A80 3390 $here/$run/zcpres.3390"
    ipl=0a80
else
    devices="000C 3505 $here/build/zcp.deck ebcdic autopad eof"
    ipl=00c
fi

# The spool volume: kept in build/run across sessions (warm start), made
# from the empty one the build formats.
if [ -f build/zcpspl.3390 ]; then
    [ -f "$run/zcpspl.3390" ] || cp build/zcpspl.3390 "$run/zcpspl.3390"
    spoolvol="0A90 3390 $here/$run/zcpspl.3390"
else
    spoolvol="# no spool volume"
fi

# The user volume ZCPT01 (minidisks, docs/dasd.md) on 0A81: copied once,
# so what guests write stays from one session to the next.
if [ -f build/zcpt01.3390 ]; then
    # a copy of another size is from an older layout (e.g. before BATCH1's
    # 0191 at cylinders 20-21): start again from the build's
    if [ -f "$run/zcpt01.3390" ] && [ "$(wc -c < "$run/zcpt01.3390")" != "$(wc -c < build/zcpt01.3390)" ]; then
        echo "ZCP: $run/zcpt01.3390 has an older layout; replaced by a copy of build/zcpt01.3390"
        rm -f "$run/zcpt01.3390"
    fi
    [ -f "$run/zcpt01.3390" ] || cp build/zcpt01.3390 "$run/zcpt01.3390"
    devices="$devices\\n0A81 3390 $here/$run/zcpt01.3390"
fi

# The console port (user terminals): ZCP_PORT, else 3270 if free, else any free one.
port=${ZCP_PORT:-$(python3 -c '
import socket
s = socket.socket()
try:
    s.bind(("127.0.0.1", 3270))
except OSError:
    s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])')}

sed -e "s|@MAINSIZE@|${ZCP_MAINSIZE:-64}|" \
    -e "s|@NUMCPU@|${ZCP_NUMCPU:-1}|" \
    -e "s|@CNSLPORT@|$port|" \
    -e "s|^@DEVICES@\$|$devices|" \
    -e "s|^@SPOOLVOL@\$|$spoolvol|" \
    conf/zcp.cnf.in > "$run/zcp.cnf"

# Hercules runs the commands in HERCULES_RC once it is up.
echo "ipl $ipl" > "$run/ipl.rc"

echo "ZCP: type /QUERY TIME at the Hercules prompt, /SHUTDOWN to stop ZCP, quit to leave Hercules."
echo "Users: telnet 127.0.0.1 $port, then LOGON USER1 (password USER1)." 
echo "CMS: LOGON CMSUSER (password CMSUSER); batch jobs go to BATCH1, started at IPL (docs/cms.md)."
cd "$run"
HERCULES_RC=ipl.rc exec hercules -f zcp.cnf
