/* Host real-device table (cp/dev/rdev.h): tests fill it directly. */
#include "cp/dev/rdev.h"

struct rdev rdevs[RDEV_MAX];
int rdev_count;
