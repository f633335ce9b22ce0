#include "cp/sys/version.h"
const char zcp_build_date[] = __DATE__;
const char zcp_build_time[] = __TIME__;
