#include "buildinfo.h"

#ifndef TFWIZARD_COMMIT
#define TFWIZARD_COMMIT ""
#endif

const char *tfwizard_build_commit(void) { return TFWIZARD_COMMIT; }
