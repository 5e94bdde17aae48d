/*
 * commands.h - rtmctl's commands. Each takes the command's words (argv[0]
 * is the command's name) and returns RTMCTL_OK, RTMCTL_FAILED or RTMCTL_USAGE,
 * printing its output to stdout and its errors to stderr.
 */
#ifndef RTMCTL_COMMANDS_H
#define RTMCTL_COMMANDS_H

#include "ctl.h"

int ctl_cmd_load(struct ctl *ctl, int argc, char **argv);    /* load.c */
int ctl_cmd_add(struct ctl *ctl, int argc, char **argv);     /* change.c */
int ctl_cmd_delete(struct ctl *ctl, int argc, char **argv);  /* change.c */
int ctl_cmd_show(struct ctl *ctl, int argc, char **argv);    /* show.c */
int ctl_cmd_lookup(struct ctl *ctl, int argc, char **argv);  /* lookup.c */
int ctl_cmd_stats(struct ctl *ctl, int argc, char **argv);   /* stats.c */
int ctl_cmd_watch(struct ctl *ctl, int argc, char **argv);   /* notify.c */
int ctl_cmd_changes(struct ctl *ctl, int argc, char **argv); /* notify.c */
int ctl_cmd_mgm(struct ctl *ctl, int argc, char **argv);     /* multicast.c */
int ctl_cmd_echo(struct ctl *ctl, int argc, char **argv);    /* script.c */
int ctl_cmd_help(struct ctl *ctl, int argc, char **argv);    /* help.c */

#endif /* RTMCTL_COMMANDS_H */
