/*
 * entity_opts.h - the options that choose or create the protocol entity a
 * command adds routes to ("load", "add route"):
 *
 *   --proto ID     the entity (1 to 4294967294); default: a new one
 *   --pref N       its preference, lower is better (default 100)
 *   --view V       the views of its routes: ucast, mcast or both (default)
 *   --name NAME    its name (default: the file's name without extension)
 *   --format F     load only: auto (default), plain, asn or ip
 *
 * --pref, --view and --name describe a new entity; for an existing one
 * they must match what it has.
 */
#ifndef RTMCTL_ENTITY_OPTS_H
#define RTMCTL_ENTITY_OPTS_H

#include "ctl.h"

struct ctl_entity_opts {
    int has_id, has_pref, has_views;
    ULONG id, pref;
    RTM_VIEW_SET views;
    char name[RTMCTL_NAME_MAX]; /* "" when not given */
    enum ctl_format format;
};

/* Options with their defaults. */
void ctl_entity_opts_init(struct ctl_entity_opts *opts);

/*
 * Reads the options at argv[*i] onwards (up to the first word that is not
 * one), advancing *i; --format only if allow_format. Returns RTMCTL_OK, or
 * RTMCTL_USAGE after printing "COMMAND: ..." for a bad or unknown option.
 */
int ctl_entity_opts_parse(struct ctl *ctl, const char *command, int argc, char **argv, int *i,
                          int allow_format, struct ctl_entity_opts *opts);

/* The entity the options name (checked against them), or a new one named
 * opts->name or default_name. Returns NULL after printing why not. */
struct ctl_entity *ctl_entity_open(struct ctl *ctl, const char *command,
                                   const struct ctl_entity_opts *opts, const char *default_name);

/* "ucast", "mcast", "ucast mcast" or "-" for a view set, in buf (16 bytes). */
const char *ctl_views_text(RTM_VIEW_SET views, char *buf);

#endif /* RTMCTL_ENTITY_OPTS_H */
