/*
 * script.h - running commands: from words, from a line of text, from a
 * script file (or stdin). A script has one command per line; blank lines
 * and "#" comments are skipped; words may be "quoted". A command that
 * fails does not stop the script.
 */
#ifndef RTMCTL_SCRIPT_H
#define RTMCTL_SCRIPT_H

#include "ctl.h"

/* Runs the command argv[0] with its arguments. Returns its status
 * (RTMCTL_USAGE for an unknown command). */
int ctl_run_words(struct ctl *ctl, int argc, char **argv);

/* Runs one line of a script (nothing for a blank or comment line). */
int ctl_run_line(struct ctl *ctl, const char *line);

/* Runs every line of the script at path ("-": stdin); messages name the
 * script and line. Returns the worst status of its commands, or RTMCTL_FAILED
 * when it cannot be read. */
int ctl_run_script(struct ctl *ctl, const char *path);

#endif /* RTMCTL_SCRIPT_H */
