#!/bin/sh
# Check that the build and test tools are installed; install the missing
# Debian packages when run as root, else print the command and fail.
# Quiet when everything is there: `make` runs this every time.
set -eu

missing=""
need() {    # need PACKAGE CHECK...: PACKAGE is missing unless every CHECK holds
    pkg=$1; shift
    for check in "$@"; do
        case $check in
            /*) [ -e "$check" ] ;;
            *)  command -v "$check" >/dev/null 2>&1 ;;
        esac || { missing="$missing $pkg"; return 0; }
    done
}

need hercules                  hercules dasdinit
need gcc-s390x-linux-gnu       s390x-linux-gnu-gcc
need binutils-s390x-linux-gnu  s390x-linux-gnu-ld s390x-linux-gnu-objcopy
need gcc                       gcc
need python3                   python3
need perl                      prove
need libcmocka-dev             /usr/include/cmocka.h
need make                      make

[ -z "$missing" ] && exit 0

cmd="apt-get install -y$missing"
if [ "$(id -u)" -ne 0 ]; then
    echo "deps: missing packages:$missing" >&2
    echo "deps: install them with: sudo apt-get update && sudo $cmd" >&2
    exit 1
fi
echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
$cmd
