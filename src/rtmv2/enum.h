/*
 * enum.h - enumerations: the objects behind RTM_ENUM_HANDLE
 * (spec/rras/enumerating-routing-table-entries.md).
 *
 * An enumeration is an RTM_OBJ_ENUM object owned by the entity that
 * created it (owned.h): of destinations (enum_dest.c), routes
 * (enum_route.c), next hops (enum_nexthop.c) or the routes of a route list
 * (route_list.c). It keeps only a position, never a snapshot: each call
 * resumes from the last item it returned, so items added or deleted by
 * other threads meanwhile never make it return an item twice or skip one
 * that existed throughout. Calls on one enumeration are serialised by its
 * lock, which comes before every other lock (table.h).
 *
 * End of an enumeration (RtmGetEnumDests, RtmGetEnumRoutes,
 * RtmGetEnumNextHops): a call that returns fewer items than asked for has
 * reached the end and returns ERROR_NO_MORE_ITEMS with those items (maybe
 * none); a call that fills the caller's array returns NO_ERROR, even when
 * nothing follows (the next call then returns ERROR_NO_MORE_ITEMS with 0
 * items). Once the end is reported, every later call returns
 * ERROR_NO_MORE_ITEMS with 0 items. A route-list enumeration
 * (RtmGetListEnumRoutes) always returns NO_ERROR: its end is a call that
 * returns fewer routes than asked for.
 */
#ifndef RTM_ENUM_H
#define RTM_ENUM_H

#include "owned.h"

enum rtm_enum_kind {
    RTM_ENUM_KIND_DEST,
    RTM_ENUM_KIND_ROUTE,
    RTM_ENUM_KIND_NEXTHOP,
    RTM_ENUM_KIND_LIST
};

struct rtm_enum {
    struct rtm_owned owned;         /* first: handle, owner */
    enum rtm_enum_kind kind;        /* constant */
    rtm_rwlock lock;                /* serialises calls (taken exclusively) */
    int done;                       /* the end was reported (enum lock) */
    void (*cleanup)(struct rtm_enum *e); /* drops the kind's references; may be NULL */
};

/* The position flags of EnumFlags (RTM_ENUM_START is 0). */
#define RTM_ENUM_POSITION_FLAGS (RTM_ENUM_NEXT | RTM_ENUM_RANGE)

/*
 * The position of an enumeration in address order (index/prefix_table.h), and its
 * range. Guarded by the enum lock.
 */
struct rtm_enum_cursor {
    uint8_t key[RTM_MAX_ADDRESS_SIZE];   /* the next search starts at key/len, */
    unsigned len;
    int inclusive;                       /* which it includes when nonzero */
    uint8_t range[RTM_MAX_ADDRESS_SIZE]; /* RTM_ENUM_RANGE: only prefixes */
    unsigned range_len;                  /* covered by range/range_len */
    int ranged;
};

/*
 * Checks EnumFlags: one position (RTM_ENUM_START, RTM_ENUM_NEXT or
 * RTM_ENUM_RANGE) plus any of the flags in extra. Returns NO_ERROR or
 * ERROR_INVALID_PARAMETER.
 */
DWORD rtm_enum_check_flags(RTM_ENUM_FLAGS flags, RTM_ENUM_FLAGS extra);

/* Checks TargetViews: NO_ERROR, or ERROR_NOT_SUPPORTED when it names a
 * view other than unicast and multicast. */
DWORD rtm_enum_check_views(RTM_VIEW_SET views);

/* The number of views of a (checked) TargetViews; 0 for RTM_VIEW_MASK_ANY. */
UINT rtm_enum_view_count(RTM_VIEW_SET views);

/*
 * Sets a cursor at the start of the enumeration that the position flags of
 * (checked) flags and addr describe: RTM_ENUM_START, 0/0 (addr ignored);
 * RTM_ENUM_NEXT, addr and everything after it; RTM_ENUM_RANGE, addr and
 * the prefixes it covers. Returns NO_ERROR, or ERROR_INVALID_PARAMETER when
 * addr is needed and is NULL, not of the table's family, or too long.
 */
DWORD rtm_enum_cursor_init(struct rtm_enum_cursor *c, const struct rtm_table *table,
                           RTM_ENUM_FLAGS flags, const RTM_NET_ADDRESS *addr);

/* Nonzero if key/len is in the cursor's range (always, without a range). */
int rtm_enum_cursor_in_range(const struct rtm_enum_cursor *c, const uint8_t *key, unsigned len);

/*
 * The first destination at the cursor's position and in its range, or NULL
 * (table lock held, shared is enough). Its prefix goes to key/len. The
 * cursor does not move.
 */
struct rtm_dest *rtm_enum_cursor_dest(const struct rtm_enum_cursor *c,
                                      const struct rtm_table *table, uint8_t *key,
                                      unsigned *len);

/* Nonzero if the cursor is at key/len, including it. */
int rtm_enum_cursor_at(const struct rtm_enum_cursor *c, const uint8_t *key, unsigned len);

/* Moves the cursor to key/len: the next search starts at it (inclusive) or
 * just after it. */
void rtm_enum_cursor_move(struct rtm_enum_cursor *c, const uint8_t *key, unsigned len,
                          int inclusive);

/*
 * Gives a new enumeration (zero-filled by rtm_calloc, with its kind's
 * members and references set) its lock and handle, as an object owned by
 * me. cleanup drops the kind's references when it is freed. Returns as
 * rtm_owned_publish; on error the enumeration has been freed.
 */
DWORD rtm_enum_publish(struct rtm_enum *e, struct rtm_entity *me, enum rtm_enum_kind kind,
                       void (*cleanup)(struct rtm_enum *), HANDLE *out);

/* Frees an enumeration's memory without dropping references (unload). */
void rtm_enum_destroy(struct rtm_object *obj);

/* A call on an enumeration in progress (rtm_enum_begin to rtm_enum_end). */
struct rtm_enum_call {
    struct rtm_entity *me;          /* the caller; internal reference */
    struct rtm_enum *e;             /* locked; internal reference */
    UINT asked;                     /* the caller's *count */
};

/*
 * Starts a call on an enumeration (RtmGetEnum*, RtmGetListEnumRoutes):
 * checks reg (a registered entity), handle (an enumeration of the kind
 * that entity owns), count (not NULL, at most RTM_MAX_HANDLES_IN_ENUM) and
 * out (not NULL when *count > 0), then takes the enumeration's lock.
 * Returns NO_ERROR with call filled in; or ERROR_INVALID_HANDLE or
 * ERROR_INVALID_PARAMETER, with *count (when not NULL) set to 0 and
 * nothing held.
 */
DWORD rtm_enum_begin(struct rtm_enum_call *call, RTM_ENTITY_HANDLE reg, HANDLE handle,
                     enum rtm_enum_kind kind, PUINT count, const void *out);

/*
 * Ends a call that returned got items: stores got in *count, unlocks the
 * enumeration and drops the references rtm_enum_begin took. Returns status,
 * or, when status is NO_ERROR and the enumeration reached its end (got <
 * asked, or the end was reported before), ERROR_NO_MORE_ITEMS; a
 * route-list enumeration never reports its end (see above).
 */
DWORD rtm_enum_end(struct rtm_enum_call *call, DWORD status, UINT got, PUINT count);

#endif /* RTM_ENUM_H */
