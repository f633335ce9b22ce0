# ZCP — one entry point.  make | make run | make test | make bench | make docs
# Everything lands in build/.  See README.md and ../shared/DESIGN.md (layout).

.DEFAULT_GOAL := all
B      := build
CROSS  ?= s390x-linux-gnu-
XCC    := $(CROSS)gcc
XLD    := $(CROSS)ld
XOBJCOPY := $(CROSS)objcopy
HOSTCC ?= gcc

# Freestanding z/Architecture flags (DESIGN.md, "Flags that work").
XCFLAGS := -m64 -mzarch -march=z10 -O2 -g -ffreestanding -fno-builtin -nostdlib \
           -fno-pic -fno-pie -fno-stack-protector -fno-asynchronous-unwind-tables \
           -mno-backchain -msoft-float -fno-common -fno-delete-null-pointer-checks --param=min-pagesize=0 -Wall -Wextra -Werror \
           -Wno-unused-parameter -std=gnu11 -I. -DZCP_TARGET=1
XASFLAGS := -m64 -mzarch -march=z10 -I. -DZCP_TARGET=1 -D__ASSEMBLY__

HOSTCFLAGS ?= -O1 -g -Wall -Wextra -Werror -Wno-unused-parameter -std=gnu11 -I. \
              -fsanitize=address,undefined -fno-omit-frame-pointer
HOSTLDFLAGS ?= -fsanitize=address,undefined

# ---- the nucleus -----------------------------------------------------------
# Portable C (compiled for the target and for host tests) plus cp/arch.
NUC_DIRS  := cp cp/arch cp/mm cp/sched cp/vm cp/dev cp/cmd cp/sys diagnose spool lib
NUC_C     := $(foreach d,$(NUC_DIRS),$(wildcard $(d)/*.c))
NUC_S     := $(foreach d,$(NUC_DIRS),$(wildcard $(d)/*.S))
NUC_OBJ   := $(patsubst %,$(B)/s390x/%.o,$(NUC_C) $(NUC_S))

$(B)/s390x/%.c.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(XCC) $(XCFLAGS) -MMD -MP -c $< -o $@
$(B)/s390x/%.S.o: %.S
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	@$(XCC) $(XASFLAGS) -MMD -MP -c $< -o $@

$(B)/zcp.elf: $(NUC_OBJ) cp/cp.ld
	$(XLD) -m elf64_s390 -static -no-pie -z noexecstack --no-warn-rwx-segments -T cp/cp.ld -Map $(B)/zcp.map -o $@ $(NUC_OBJ)
$(B)/zcp.bin: $(B)/zcp.elf
	$(XOBJCOPY) -O binary $< $@

# ---- host tools --------------------------------------------------------------
# Host-only sources shared by the tools; each tool is its own main file.
TOOL_SRC   := $(filter-out tools/main_%.c,$(wildcard tools/*.c ipl/*.c))
TOOL_LIB_C := $(TOOL_SRC) lib/ebcdic.c lib/fmt.c lib/str.c lib/be.h
TOOLS      := mkdeck zcpvol zcpdir zcpmdisk
TOOL_LIB_C += spool/spool.c lib/crc32.c $(wildcard spool/*.h)
TOOLS      += zcpspool
TOOLS      += zcppage
$(B)/bin/%: $(TOOL_LIB_C) tools/main_%.c $(wildcard tools/*.h ipl/*.h lib/*.h)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(HOSTCFLAGS) -o $@ $(filter %.c,$^) $(HOSTLDFLAGS)

# ---- images ----------------------------------------------------------------------
# The IPL deck (3505) and the system residence volume (3390) carrying the nucleus.
$(B)/zcp.deck: $(B)/zcp.bin $(B)/bin/mkdeck $(B)/zcp.elf
	$(B)/bin/mkdeck -l 0x$$(./tools/elfsym $(B)/zcp.elf _load) -e 0x$$(./tools/elfsym $(B)/zcp.elf _start) $(B)/zcp.bin $@
$(B)/zcpres.3390: $(B)/zcp.bin $(B)/bin/zcpvol $(B)/bin/zcpdir $(B)/zcp.elf conf/user.direct
	rm -f $@ && dasdinit $@ 3390 ZCPRES 20 >$@.log 2>&1 || { cat $@.log >&2; rm -f $@; exit 1; }
	$(B)/bin/zcpvol -l 0x$$(./tools/elfsym $(B)/zcp.elf _load) -e 0x$$(./tools/elfsym $(B)/zcp.elf _start) $@ $(B)/zcp.bin || { rm -f $@; exit 1; }
	$(B)/bin/zcpdir $@ conf/user.direct || { rm -f $@; exit 1; }

IMAGES := $(B)/zcp.elf $(B)/zcp.bin $(B)/zcp.deck $(B)/zcpres.3390
# The spool volume (docs/spool.md): a 3390 labelled ZCPSPL, formatted empty.
$(B)/zcpspl.3390: $(B)/bin/zcpspool
	rm -f $@ && dasdinit $@ 3390 ZCPSPL 20 >$@.log 2>&1 || { cat $@.log >&2; rm -f $@; exit 1; }
	$(B)/bin/zcpspool format $@ >>$@.log || { rm -f $@; exit 1; }
IMAGES += $(B)/zcpspl.3390
# The test user volume ZCPT01: the minidisks conf/user.direct puts on it,
# formatted in 4096-byte blocks (tools/main_zcpmdisk.c, docs/dasd.md).
$(B)/bin/zcpmdisk: cp/sys/directory.c
# TESTG5's 0191 (cylinders 8-9) carries IPL records and the g_ipldisk guest.
$(B)/zcpt01.3390: $(B)/bin/zcpmdisk conf/user.direct $(B)/guests/ipldisk.deck $(B)/bin/cmsdisk $(B)/cms/cmsnuc.bin
	rm -f $@ && $(B)/bin/zcpmdisk create $@ ZCPT01 24 >/dev/null && \
	  $(B)/bin/zcpmdisk layout $@ conf/user.direct >/dev/null && \
	  $(B)/bin/zcpmdisk ipl -l 0x$$(./tools/elfsym $(B)/guests/ipldisk.elf _load) \
	    -e 0x$$(./tools/elfsym $(B)/guests/ipldisk.elf _start) $@ 8 2 $(B)/guests/ipldisk.bin >/dev/null \
	  && $(CMS_ZCPT01_STEPS) \
	  || { rm -f $@; exit 1; }

IMAGES += $(B)/zcpt01.3390

.SECONDARY: $(patsubst %.deck,%.elf,$(GUEST_DECKS))

# ---- the CMS-like guest (cms-guest/, docs/cms.md) ---------------------------------
# Its nucleus loads at X'10000' from the IPL records of the CMS system disk:
# CMSUSER's 0190, ZCPT01 cylinders 10-12 (cylinder 10: IPL records and the
# nucleus, `zcpmdisk ipl`; 11-12: the S-disk file system with the files of
# cms-guest/sdisk/, tools/main_cmsdisk.c).  CMSUSER's 0191 (13-14) is a
# formatted empty A-disk; 0192 (15) is left unformatted for FORMAT.
# BATCH1's 0191 (20-21) is the batch machine's formatted A-disk.
CMS_SRC  := cms-guest/start.S $(wildcard cms-guest/*.c cms-guest/fs/*.c) lib/fmt.c lib/ebcdic.c lib/mem.c lib/str.c
CMS_SDISK_FILES := $(wildcard cms-guest/sdisk/*.*)
$(B)/cms/cmsnuc.elf: $(CMS_SRC) $(wildcard cms-guest/*.h cms-guest/fs/*.h) cms-guest/cms.ld diagnose/zcpdiag.h
	@mkdir -p $(dir $@)
	@echo "  CMS     $@"
	@$(XCC) $(XCFLAGS) -static -no-pie -T cms-guest/cms.ld \
	    -Wl,-z,noexecstack -Wl,--no-warn-rwx-segments -o $@ $(CMS_SRC) -lgcc
$(B)/cms/cmsnuc.bin: $(B)/cms/cmsnuc.elf
	$(XOBJCOPY) -O binary $< $@
	@test $$(stat -c %s $@) -le 688128 || { echo "$@: the nucleus outgrew cylinder 0 (14 tracks of 48 KiB)" >&2; rm -f $@; exit 1; }
TOOLS      += cmsdisk
$(B)/bin/cmsdisk: $(wildcard cms-guest/fs/*.c cms-guest/fs/*.h)
$(B)/zcpt01.3390: $(CMS_SDISK_FILES)
UNIT_DEPS_CMS := $(wildcard cms-guest/fs/*.c)
CMS_ZCPT01_STEPS = $(B)/bin/zcpmdisk ipl -l 0x$$(./tools/elfsym $(B)/cms/cmsnuc.elf _load) \
	    -e 0x$$(./tools/elfsym $(B)/cms/cmsnuc.elf _start) $@ 10 3 $(B)/cms/cmsnuc.bin >/dev/null && \
	  $(B)/bin/cmsdisk $@ 10 3 1 CMS190 $(CMS_SDISK_FILES) >/dev/null && \
	  $(B)/bin/cmsdisk $@ 13 2 0 CMS191 >/dev/null && \
	  $(B)/bin/cmsdisk $@ 16 2 0 USR191 >/dev/null && \
	  $(B)/bin/cmsdisk $@ 20 2 0 BAT191 >/dev/null
IMAGES += $(B)/cms/cmsnuc.bin

# ---- test guests ---------------------------------------------------------------------
# tests/guests/g_NAME.c -> build/guests/NAME.deck, IPL-able from a virtual reader.
GUEST_RT   := tests/guests/rt/start.S tests/guests/rt/rt.c lib/fmt.c lib/ebcdic.c lib/mem.c lib/str.c
GUEST_DECKS := $(patsubst tests/guests/g_%.c,$(B)/guests/%.deck,$(wildcard tests/guests/g_*.c))
$(B)/guests/%.elf: tests/guests/g_%.c $(GUEST_RT) tests/guests/rt/rt.h tests/guests/rt/guest.ld
	@mkdir -p $(dir $@)
	@echo "  GUEST   $@"
	@$(XCC) $(XCFLAGS) -Itests/guests -static -no-pie -T tests/guests/rt/guest.ld \
	    -Wl,-z,noexecstack -Wl,--no-warn-rwx-segments -o $@ $< $(GUEST_RT) -lgcc
# the paging guests share tests/guests/pattern.h
$(B)/guests/paging.elf $(B)/guests/pageasync.elf: tests/guests/pattern.h
$(B)/guests/%.deck: $(B)/guests/%.elf $(B)/bin/mkdeck
	$(XOBJCOPY) -O binary $< $(@:.deck=.bin)
	$(B)/bin/mkdeck -l 0x$$(./tools/elfsym $< _load) -e 0x$$(./tools/elfsym $< _start) $(@:.deck=.bin) $@

# ---- host unit tests ---------------------------------------------------------------
# Portable core compiled natively: every nucleus .c except the target-only
# ones (cp/arch, real-device drivers, start-up and the console loop) and
# lib/mem.c (libc provides it on the host).  Host fakes: tests/unit/fake_*.c.
TARGET_ONLY := cp/arch/% cp/dev/% cp/mm/paging.c cp/init.c cp/sys/opcon.c cp/sys/terminal.c cp/sys/sysdir.c cp/sched/dispatch.c lib/mem.c
HOST_CORE_C := $(filter-out $(TARGET_ONLY),$(NUC_C))
UNIT_SRC    := $(wildcard tests/unit/test_*.c)
UNIT_BIN    := $(patsubst tests/unit/%.c,$(B)/tests/unit/%,$(UNIT_SRC))
UNIT_DEPS   := $(HOST_CORE_C) $(TOOL_SRC) $(wildcard tests/unit/fake_*.c)
UNIT_DEPS   += $(UNIT_DEPS_CMS)
# Each shared source is compiled once (build/host/) and linked into every
# test; header dependencies come from -MMD.
UNIT_OBJ    := $(patsubst %,$(B)/host/%.o,$(UNIT_DEPS))
$(B)/host/%.c.o: %.c
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $<"
	@$(HOSTCC) $(HOSTCFLAGS) -DZCP_HOST=1 -MMD -MP -c $< -o $@
$(B)/tests/unit/%: tests/unit/%.c $(UNIT_OBJ)
	@mkdir -p $(dir $@)
	@echo "  HOSTLD  $@"
	@$(HOSTCC) $(HOSTCFLAGS) -DZCP_HOST=1 -MMD -MP -o $@ $< $(UNIT_OBJ) -lcmocka $(HOSTLDFLAGS)

# ---- top-level targets ----------------------------------------------------------
.PHONY: all deps run test unit systest bench docs clean
all: deps $(IMAGES) $(addprefix $(B)/bin/,$(TOOLS)) $(UNIT_BIN) $(GUEST_DECKS)

deps:
	@./tools/deps.sh

run: all
	./tools/run.sh

# prove runs every test executable; each prints TAP.
test: all
	CMOCKA_MESSAGE_OUTPUT=TAP prove -j2 --exec '' $(UNIT_BIN) $(sort $(wildcard tests/system/t_*.py))

# Tests not in `make test` (so not in CI), named x_*.py, each with the
# reason in its file; none at the moment.
X_TESTS := $(sort $(wildcard tests/system/x_*.py))
test-open: all
	$(if $(X_TESTS),prove --exec '' $(X_TESTS),@echo "no tests outside make test")

unit: deps $(UNIT_BIN)
	CMOCKA_MESSAGE_OUTPUT=TAP prove --exec '' $(UNIT_BIN)

bench: all
	python3 bench/run.py

docs:
	@echo "docs/ is plain Markdown; start at docs/README.md"

clean:
	rm -rf $(B)

-include $(shell find $(B) -name '*.d' -type f 2>/dev/null)

# Try a C guest: build it on the test-guest runtime, IPL it as a user of
# ZCP under Hercules, print its console (tools/guest.py, docs/guests.md).
.PHONY: guest
guest: $(B)/zcpres.3390 $(B)/zcpspl.3390 $(B)/bin/mkdeck
	@test -n "$(G)" || { echo "usage: make guest G=path/to/guest.c [GUSER=TESTG4] [GTIMEOUT=60]" >&2; exit 2; }
	@XCC="$(XCC)" XCFLAGS="$(XCFLAGS)" XOBJCOPY="$(XOBJCOPY)" GUEST_RT="$(GUEST_RT)" \
	  python3 tools/guest.py --user $(or $(GUSER),TESTG4) --timeout $(or $(GTIMEOUT),60) $(G)
