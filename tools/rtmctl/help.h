/*
 * help.h - rtmctl's usage text (--help and the "help" command).
 */
#ifndef CTL_HELP_H
#define CTL_HELP_H

#include <stdio.h>

void ctl_print_help(FILE *out);

#endif /* CTL_HELP_H */
