/*
 * library.c - process-wide shutdown (see library.h).
 */
#include "library.h"

void rtm_library_shutdown(void)
{
}
