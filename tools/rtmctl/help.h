/*
 * help.h - rtmctl's usage text (--help and the "help" command).
 */
#ifndef RTMCTL_HELP_H
#define RTMCTL_HELP_H

#include <stdio.h>

void ctl_print_help(FILE *out);

#endif /* RTMCTL_HELP_H */
