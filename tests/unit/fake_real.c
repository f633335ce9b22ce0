/* Host "real storage" (cp/mm/real.h): a test points real_base at a buffer
 * it owns, sized for the storage it gives frames_init.  Declared in
 * fakes.h too, so this file does not depend on real.h being present. */
#include "tests/unit/fakes.h"

uint8_t *real_base;
