/*
 * entity_opts.c - choosing the entity of "load" and "add route"
 * (entity_opts.h).
 */
#include "entity_opts.h"

#include <stdio.h>
#include <string.h>

void ctl_entity_opts_init(struct ctl_entity_opts *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->pref = RTMCTL_DEFAULT_PREF;
    opts->views = RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST;
    opts->format = RTMCTL_FORMAT_AUTO;
}

static int parse_views(const char *text, RTM_VIEW_SET *views)
{
    if (!strcmp(text, "ucast"))
        *views = RTM_VIEW_MASK_UCAST;
    else if (!strcmp(text, "mcast"))
        *views = RTM_VIEW_MASK_MCAST;
    else if (!strcmp(text, "both"))
        *views = RTM_VIEW_MASK_UCAST | RTM_VIEW_MASK_MCAST;
    else
        return -1;
    return 0;
}

int ctl_entity_opts_parse(struct ctl *ctl, const char *command, int argc, char **argv, int *i,
                          int allow_format, struct ctl_entity_opts *opts)
{
    while (*i < argc && !strncmp(argv[*i], "--", 2)) {
        const char *opt = argv[*i], *value = *i + 1 < argc ? argv[*i + 1] : NULL;

        if (strcmp(opt, "--proto") && strcmp(opt, "--pref") && strcmp(opt, "--view") &&
            strcmp(opt, "--name") && (strcmp(opt, "--format") || !allow_format)) {
            ctl_error(ctl, "%s: unknown option '%s'", command, opt);
            return RTMCTL_USAGE;
        }
        if (!value) {
            ctl_error(ctl, "%s: '%s' needs a value", command, opt);
            return RTMCTL_USAGE;
        }
        *i += 2;
        if (!strcmp(opt, "--proto")) {
            if (ctl_arg_number(ctl, command, "entity", value, 4294967294ul, &opts->id) != 0)
                return RTMCTL_USAGE;
            if (opts->id == RTMCTL_READER_ID) {
                ctl_error(ctl, "%s: entity 0 is rtmctl's own (use 1 or more)", command);
                return RTMCTL_USAGE;
            }
            opts->has_id = 1;
        } else if (!strcmp(opt, "--pref")) {
            if (ctl_arg_number(ctl, command, "preference", value, 4294967295ul, &opts->pref) != 0)
                return RTMCTL_USAGE;
            opts->has_pref = 1;
        } else if (!strcmp(opt, "--view")) {
            if (parse_views(value, &opts->views) != 0) {
                ctl_error(ctl, "%s: view '%s' is not ucast, mcast or both", command, value);
                return RTMCTL_USAGE;
            }
            opts->has_views = 1;
        } else if (!strcmp(opt, "--name")) {
            if (strlen(value) >= sizeof opts->name || !*value) {
                ctl_error(ctl, "%s: name '%s' is empty or longer than %d characters", command,
                          value, (int)sizeof opts->name - 1);
                return RTMCTL_USAGE;
            }
            strcpy(opts->name, value);
        } else if (ctl_format_from_name(value, &opts->format) != 0) {
            ctl_error(ctl, "%s: format '%s' is not auto, plain, asn or ip", command, value);
            return RTMCTL_USAGE;
        }
    }
    return RTMCTL_OK;
}

struct ctl_entity *ctl_entity_open(struct ctl *ctl, const char *command,
                                   const struct ctl_entity_opts *opts, const char *default_name)
{
    struct ctl_entity *e = opts->has_id ? ctl_entity_find(ctl, opts->id) : NULL;
    char a[16], b[16];

    if (!e) {
        e = ctl_entity_create(ctl, opts->has_id ? opts->id : ctl_entity_next_id(ctl),
                              *opts->name ? opts->name : default_name, opts->pref, opts->views);
        if (!e)
            ctl_error(ctl, "%s: out of memory", command);
        return e;
    }
    if (opts->has_pref && opts->pref != e->pref) {
        ctl_error(ctl, "%s: entity %u has preference %u, not %u", command, (unsigned)e->id,
                  (unsigned)e->pref, (unsigned)opts->pref);
        return NULL;
    }
    if (opts->has_views && opts->views != e->views) {
        ctl_error(ctl, "%s: entity %u has views %s, not %s", command, (unsigned)e->id,
                  ctl_views_text(e->views, a), ctl_views_text(opts->views, b));
        return NULL;
    }
    if (*opts->name && strcmp(opts->name, e->name)) {
        ctl_error(ctl, "%s: entity %u is named %s, not %s", command, (unsigned)e->id, e->name,
                  opts->name);
        return NULL;
    }
    return e;
}

const char *ctl_views_text(RTM_VIEW_SET views, char *buf)
{
    snprintf(buf, 16, "%s%s%s", views & RTM_VIEW_MASK_UCAST ? "ucast" : "",
             (views & RTM_VIEW_MASK_UCAST) && (views & RTM_VIEW_MASK_MCAST) ? " " : "",
             views & RTM_VIEW_MASK_MCAST ? "mcast" : "");
    if (!*buf)
        strcpy(buf, "-");
    return buf;
}
