/*
 * group_enum.h - group enumerations (MgmGroupEnumerationStart, group_enum.c).
 *
 * An enumeration is a handle object: its handle holds the client reference
 * that MgmGroupEnumerationEnd drops, and it holds an internal reference on
 * the protocol that started it, on whose list (mgm_protocol.enums) it is
 * until it ends: at MgmGroupEnumerationEnd or when that protocol
 * deregisters. It keeps a position (the last entry returned), not a
 * snapshot. Its fields are under the MGM lock.
 */
#ifndef RTM_MGM_GROUP_ENUM_H
#define RTM_MGM_GROUP_ENUM_H

#include "protocol.h"

struct mgm_group_enum {
    struct rtm_object obj;
    struct mgm_group_enum *next;   /* the owner's list */
    struct mgm_protocol *owner;    /* internal reference */
    MGM_ENUM_TYPES type;
    int ended;                     /* taken off the owner's list */
    int started;                   /* something was returned */
    int done;                      /* ERROR_NO_MORE_ITEMS was returned */
    DWORD group_key, source_key;   /* the last entry returned */
};

/* Ends every enumeration of p (MGM lock held); returns them as a list
 * whose handles' references the caller drops with
 * mgm_group_enums_release once the lock is released. */
struct mgm_group_enum *mgm_group_enums_end_all(struct mgm_protocol *p);

/* Drops the client references of enumerations ended by
 * mgm_group_enums_end_all (no lock held). */
void mgm_group_enums_release(struct mgm_group_enum *list);

/* Frees an enumeration left alive at unload (no reference counting). */
void mgm_group_enum_destroy(struct rtm_object *obj);

#endif /* RTM_MGM_GROUP_ENUM_H */
