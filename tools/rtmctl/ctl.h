/*
 * ctl.h - the state of one rtmctl process and what its commands share.
 *
 * The process is a small router: its protocol entities (one per loaded
 * file, ctl_entity) register with the routing table manager through the
 * public API only, one registration per address family (the IPv4 and IPv6
 * tables of RTM instance 0), made when the entity's first route of that
 * family comes. A reader entity (protocol id 0, no routes) per family makes
 * the queries: show, lookup, stats and the change watch.
 * Its RTMv1 clients (v1.h) keep routes in RTMv1's tables, apart.
 *
 * Commands return RTMCTL_OK, RTMCTL_FAILED (the command could not do all
 * it was asked: a bad line, an unknown prefix, an API error) or
 * RTMCTL_USAGE (the command itself is malformed); the process exits with
 * the worst.
 */
#ifndef RTMCTL_CTL_H
#define RTMCTL_CTL_H

#include "asnames.h"
#include "ifnames.h"
#include "multicast.h"
#include "parse.h"
#include "watch.h"

enum { RTMCTL_OK = 0, RTMCTL_FAILED = 1, RTMCTL_USAGE = 2 };

#define RTMCTL_NAME_MAX 32   /* entity names, with the NUL */
#define RTMCTL_SOURCE_MAX 96 /* an entity's list of files, with the NUL */
#define RTMCTL_DEFAULT_PREF 100
#define RTMCTL_INSTANCE 0  /* the RTM instance rtmctl uses */
#define RTMCTL_READER_ID 0 /* the reader entities' protocol id */

/* A protocol entity: its routes share a preference and views. */
struct ctl_entity {
    ULONG id;                                /* EntityProtocolId, 1 or more */
    char name[RTMCTL_NAME_MAX];              /* shown in tables */
    ULONG pref;                              /* RTM_PREF_INFO.Preference */
    RTM_VIEW_SET views;                      /* BelongsToViews */
    RTM_ENTITY_HANDLE reg[RTMCTL_FAMILIES];  /* NULL until its first route */
    unsigned long nexthops[RTMCTL_FAMILIES]; /* next hops it has: rtmctl adds
                                                them and deletes none but by
                                                deregistering (counting them
                                                with an enumeration is slow) */
    enum ctl_format format;                  /* of the last file loaded */
    char source[RTMCTL_SOURCE_MAX];          /* files loaded, "" if none */
    double load_seconds;                     /* spent loading them */
    int deleted;                             /* deregistered ("delete entity") */
    struct ctl_entity *next;                 /* by increasing id */
};

struct ctl {
    RTM_ENTITY_HANDLE reader[RTMCTL_FAMILIES];
    struct ctl_entity *entities;
    struct ctl_ifnames ifnames;
    struct ctl_asnames asnames;
    struct ctl_watch watch;
    struct ctl_multicast multicast;
    struct ctl_v1_client *v1_clients; /* RTMv1's (v1.h) */
    /* Where the command being run comes from, for messages: a script and
     * its line, or NULL for the command line. */
    const char *where;
    unsigned long where_line;
};

/* Registers the reader entities. Returns RTMCTL_OK or RTMCTL_FAILED (message
 * printed). */
int ctl_init(struct ctl *ctl);

/* Ends the watch and the multicast state, deregisters every entity and
 * frees everything. */
void ctl_cleanup(struct ctl *ctl);

/* Prints "WHERE: message" to stderr (WHERE is "SCRIPT:LINE" or "rtmctl"),
 * after flushing stdout so that the two stay in order. */
void ctl_error(struct ctl *ctl, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The name and number of a Win32 error code the API returns, e.g.
 * "ERROR_INVALID_PARAMETER (87)", in buf (64 bytes). */
const char *ctl_error_name(DWORD status, char *buf);

/* A number argument of a command (decimal, at most max). Returns 0, or -1
 * after printing "COMMAND: WHAT 'TEXT' is not a number (0 to MAX)". */
int ctl_arg_number(struct ctl *ctl, const char *command, const char *what, const char *text,
                   unsigned long max, ULONG *value);

/* ---- entities (entity.c) ------------------------------------------------ */

/* The live entity with this id, or NULL. */
struct ctl_entity *ctl_entity_find(struct ctl *ctl, ULONG id);

/* The id a new entity gets: one more than the largest used so far. */
ULONG ctl_entity_next_id(const struct ctl *ctl);

/* Creates entity id (no registration yet): a new record, or the record of
 * a deleted entity with that id. Returns it, or NULL when out of memory. */
struct ctl_entity *ctl_entity_create(struct ctl *ctl, ULONG id, const char *name, ULONG pref,
                                     RTM_VIEW_SET views);

/* The entity's registration for a family, registering it first if needed.
 * Returns NULL after printing why it failed. */
RTM_ENTITY_HANDLE ctl_entity_reg(struct ctl *ctl, struct ctl_entity *e, int fam);

/* Deregisters the entity in both families (which deletes its routes and
 * next hops) and marks it deleted. Returns RTMCTL_OK or RTMCTL_FAILED. */
int ctl_entity_delete(struct ctl *ctl, struct ctl_entity *e);

/* "ID NAME" of entity id (deleted ones too), or "ID" when unknown, in buf
 * (RTMCTL_NAME_MAX + 12 bytes). */
const char *ctl_entity_label(const struct ctl *ctl, ULONG id, char *buf);
#define RTMCTL_LABEL_MAX (RTMCTL_NAME_MAX + 12)

#endif /* RTMCTL_CTL_H */
