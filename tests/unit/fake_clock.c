/* Host TOD clock (cp/arch/clock.h): a value the test sets. */
#include "cp/arch/clock.h"
#include "tests/unit/fakes.h"

uint64_t fake_tod;
uint64_t fake_tod_step;

uint64_t tod_now(void)
{
    uint64_t t = fake_tod;
    fake_tod += fake_tod_step;
    return t;
}
