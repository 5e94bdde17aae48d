/*
 * fuzz.h - the API fuzzer's shared state (see docs/fuzzing.md).
 *
 * rtm_api_fuzz decodes each input into a sequence of RTMv2 calls made by a
 * few entities in a few tables (instances 0 and 1, families AF_INET and
 * AF_INET6), and RTMv1 calls (fuzz_v1.h). The harness keeps:
 *   - the entities it registered (fz_ent),
 *   - a pool of every handle value it has seen in this input with the
 *     client references it holds on it (fz_handle): handles given to calls
 *     are drawn from it (valid, stale, wrong type) or forged,
 *   - the information structures it holds (fz_info), released later, maybe
 *     twice,
 *   - a reference model of each table: its routes (prefix, owner,
 *     neighbour, preference, views, flags, in creation order) and its next
 *     hops, against which look-ups, enumerations and change flags are
 *     checked (fuzz_model.c).
 * After every call: the return code is one the function documents (and the
 * exact one where the harness can tell), and every handle it holds a
 * reference on is still valid. At the end of an input every entity
 * deregisters and the library must have no live object left.
 *
 * Asynchronous changes (routes that expire, hold-downs that end) make a
 * table's model inexact: a table where a route got a short TimeToLive is
 * "fuzzy" for the rest of the input, and its look-ups are only checked for
 * their return codes.
 */
#ifndef RTM_FUZZ_H
#define RTM_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "rtmv2.h"
#include "rtmv2/objects.h"

/* Exported by Rtm.dll, in no public header (src/rtmv2/handle_api.c). */
DWORD WINAPI RtmDereferenceHandles(RTM_ENTITY_HANDLE RtmRegHandle, UINT NumHandles,
                                   HANDLE *RtmHandles);

#define FZ_TABLES 4        /* instance (0, 1) x family (AF_INET, AF_INET6) */
#define FZ_ENTITIES 8
#define FZ_HANDLES 160
#define FZ_INFOS 12
#define FZ_ROUTES 256
#define FZ_NEXTHOPS 128
#define FZ_HOLDS 32
#define FZ_MAX_CALLS 160   /* operations per input */
#define FZ_TTL_LONG 3600000u /* never fires within an input */

/* ---- input ------------------------------------------------------------ */

struct fz_in {
    const uint8_t *p;
    size_t n;
};

uint8_t fz_u8(struct fz_in *in);
uint32_t fz_u32(struct fz_in *in);
/* A value below n (n <= 256). */
unsigned fz_below(struct fz_in *in, unsigned n);

/* ---- entities --------------------------------------------------------- */

enum { FZ_FREE, FZ_REGISTERED, FZ_GONE };

struct fz_ent {
    int state;
    HANDLE h;
    int table;
    RTM_ENTITY_INFO info;
    int opaque;       /* reserved an opaque pointer */
    UINT methods;     /* methods exported */
    int blocked;      /* its methods are blocked */
};

/* ---- handles ---------------------------------------------------------- */

struct fz_handle {
    HANDLE h;
    rtm_object_type type;
    int table;              /* -1: none (owned objects) or unknown */
    int refs;               /* client references the harness holds */
    int owner;              /* entity slot of routes, next hops, owned objects; -1 unknown */
    int live;               /* owned objects: not deleted */
    int has_key;            /* dests and routes: the prefix is known */
    uint8_t key[RTM_MAX_ADDRESS_SIZE];
    unsigned len;
    /* enumerations */
    int ekind;              /* 0 dest, 1 route, 2 next hop, 3 list */
    int edone;              /* ERROR_NO_MORE_ITEMS was returned */
    RTM_VIEW_SET eviews;
    int has_last;
    uint8_t lkey[RTM_MAX_ADDRESS_SIZE];
    unsigned llen;
};

/* ---- information structures held -------------------------------------- */

enum fz_info_kind { FZ_INFO_DEST, FZ_INFO_DESTS, FZ_INFO_CHANGED, FZ_INFO_ROUTE, FZ_INFO_NEXTHOP };

struct fz_info {
    int used;
    enum fz_info_kind kind;
    void *buf;
    UINT n;                 /* entries (DESTS, CHANGED) */
    UINT nviews;            /* views per entry (DEST, DESTS, CHANGED) */
    int table;
    HANDLE notify;          /* CHANGED: the registration they came from */
    int released;
};

/* An RTM_ROUTE_INFO with room for the profile's 4 next hops (the SDK's
 * RTM_SIZE_OF_ROUTE_INFO counts one short: see rtmv2.h). */
#define FZ_ROUTE_INFO_SIZE RTM_SIZE_OF_ROUTE_INFO(5)

/* ---- the model -------------------------------------------------------- */

struct fz_route {
    int live;
    int table;
    uint8_t key[RTM_MAX_ADDRESS_SIZE];
    unsigned len;
    int owner;
    HANDLE neighbour;
    RTM_VIEW_SET views;
    USHORT flags;
    ULONG pref, metric;
};

struct fz_nexthop {
    int live;
    int owner;
    uint8_t key[RTM_MAX_ADDRESS_SIZE];
    unsigned len;
    ULONG ifindex;
};

struct fz_hold {
    int table;
    uint8_t key[RTM_MAX_ADDRESS_SIZE];
    unsigned len;
};

struct fz_state {
    struct fz_ent ent[FZ_ENTITIES];
    struct fz_handle pool[FZ_HANDLES];
    int npool;
    struct fz_info info[FZ_INFOS];
    struct fz_route route[FZ_ROUTES];  /* in creation order */
    int nroutes;
    struct fz_nexthop nh[FZ_NEXTHOPS];
    int nnh;
    struct fz_hold hold[FZ_HOLDS];
    int nholds;
    int fuzzy[FZ_TABLES];
    int notifications[FZ_TABLES];      /* live registrations per table */
    const char *op;                    /* the operation running (reports) */
};

extern struct fz_state fz;

/* ---- failures --------------------------------------------------------- */

/* Reports a broken invariant and aborts (libFuzzer saves the input). */
void fz_fail(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* Checks that code is in the zero-terminated list of documented codes
 * (NO_ERROR is always listed first). */
void fz_check_documented(const char *fn, DWORD code, const DWORD *documented);

/* Checks code == expected, or code is ERROR_INVALID_HANDLE and one of the
 * unheld handles of the call (tolerated, may be NULL) has died meanwhile. */
void fz_expect(const char *fn, DWORD code, DWORD expected, const HANDLE *tolerated, int n);

/* ---- tables and addresses ---------------------------------------------- */

int fz_table_of(USHORT instance, USHORT family);   /* -1 if not a table */
USHORT fz_table_family(int table);
unsigned fz_table_bits(int table);
/* Fills an address: mostly of the table's family and a valid length. */
void fz_gen_address(struct fz_in *in, int table, RTM_NET_ADDRESS *a);
/* Nonzero if a is a valid address of the table. */
int fz_address_ok(int table, const RTM_NET_ADDRESS *a);
void fz_canon(uint8_t *out, const uint8_t *bits, unsigned len);
int fz_covers(const uint8_t *k1, unsigned l1, const uint8_t *k2, unsigned l2);
int fz_prefix_cmp(const uint8_t *k1, unsigned l1, const uint8_t *k2, unsigned l2);
ULONG fz_gen_ttl(struct fz_in *in);

/* ---- entities ----------------------------------------------------------- */

/* A caller for a call: mostly a registered entity; sometimes a
 * deregistered one, a forged handle or NULL. *slot is its entity slot, or
 * -1. Returns the registration handle. */
HANDLE fz_pick_caller(struct fz_in *in, int *slot);
/* Nonzero if slot is a registered entity. */
int fz_registered(int slot);
/* The registered entity of a table, or -1. */
int fz_any_caller(int table);
int fz_ent_of_handle(HANDLE h);

/* ---- handle pool (fuzz_pool.c) ----------------------------------------- */

struct fz_handle *fz_find(HANDLE h);
/* Adds n client references on h (a handle of type, table) to the pool. */
struct fz_handle *fz_got(HANDLE h, rtm_object_type type, int table, int n);
/* Nonzero if h is the handle of a live object of the type (ANY: any). */
int fz_alive(HANDLE h, rtm_object_type type);
/* A handle for a parameter of the given type: held, stale, of the wrong
 * type, forged or NULL. */
HANDLE fz_pick(struct fz_in *in, rtm_object_type type, int table);
/* A handle of type the harness holds a reference on, in table (-1: any), or NULL. */
HANDLE fz_pick_held(struct fz_in *in, rtm_object_type type, int table);
/* Nonzero if h is valid for a caller of table: alive, of the type, of the table. */
int fz_valid_in(HANDLE h, rtm_object_type type, int table);
/* Nonzero if the harness holds no reference on h (its object may die at
 * any time). */
int fz_unheld(HANDLE h);
/* Room for one more handle in the pool (before creating an owned object). */
int fz_pool_room(void);

/*
 * Releasing handles: a caller of table releases the handles hs[0..n) of
 * type ty (RTM_OBJ_ANY: each its own type); null_ok: NULL entries are
 * skipped (in information structures) rather than errors. Returns
 * FZ_REL_OK (NO_ERROR expected), FZ_REL_INVALID (ERROR_INVALID_HANDLE
 * expected), or FZ_REL_UNSAFE: the call would drop a reference the harness
 * does not hold on an object others may hold references on (a client bug
 * the library cannot detect): do not make it.
 */
enum { FZ_REL_OK, FZ_REL_INVALID, FZ_REL_UNSAFE };
int fz_release_plan(const HANDLE *hs, int n, rtm_object_type ty, int table, int null_ok);
/* Accounts for the release of what fz_release_plan approved. */
void fz_release_apply(const HANDLE *hs, int n, rtm_object_type ty, int table);
/* Checks every handle the harness holds a reference on. */
void fz_check_held(void);

/* Stores an information structure (buf is taken over); the references
 * in it must already be in the pool (fz_take_*). */
void fz_info_keep(enum fz_info_kind kind, void *buf, UINT n, UINT nviews, int table,
                  HANDLE notify);
void fz_take_dest_info(const RTM_DEST_INFO *di, int table);
void fz_take_route_info(const RTM_ROUTE_INFO *ri, int table);
void fz_take_nexthop_info(const RTM_NEXTHOP_INFO *ni, int table);
/* Collects the handles of an information structure (at most max). */
int fz_info_handles(const struct fz_info *info, HANDLE *hs, rtm_object_type *ty, int max);
/* Releases one kept structure through the API (op_release_info). */
void fz_info_release(struct fz_info *info, int caller, HANDLE reg, int corrupt);
/* Releases everything held (end of input). */
void fz_release_all(void);

/* ---- queries used as oracles (fuzz_pool.c) ------------------------------ */

/* The route's information through RtmGetRouteInfo by a caller of its table
 * (references released again). Returns 0 if it could not be read. */
int fz_route_query(HANDLE h, int table, RTM_ROUTE_INFO *ri, RTM_NET_ADDRESS *addr);
int fz_nexthop_query(HANDLE h, int table, RTM_NEXTHOP_INFO *ni);

/* ---- model (fuzz_model.c) ------------------------------------------------ */

int fz_route_find(int table, const uint8_t *key, unsigned len, int owner, HANDLE neighbour,
                  int first);
int fz_route_find_info(int table, const RTM_NET_ADDRESS *addr, const RTM_ROUTE_INFO *ri,
                       int owner);
int fz_route_add(int table, const uint8_t *key, unsigned len, int owner);
void fz_route_set(int r, const RTM_ROUTE_INFO *ri);
/* The views whose best route (of any protocol) differs between two model
 * states is computed by comparing fz_best() before and after a change. */
int fz_best(int table, const uint8_t *key, unsigned len, int view, ULONG protocol);
void fz_bests(int table, const uint8_t *key, unsigned len, int *best);
RTM_VIEW_SET fz_best_changed(const int *before, const int *after);
int fz_is_best(int r);
void fz_entity_gone(int slot);
int fz_nexthop_find(int owner, const uint8_t *key, unsigned len, ULONG ifindex);
void fz_hold_add(int table, const uint8_t *key, unsigned len);
void fz_set_fuzzy(int table);

/* Look-up checks: the destination information (or not found) a look-up
 * returned, against the model. */
void fz_check_exact(int table, int caller, const RTM_NET_ADDRESS *addr, ULONG protocol,
                    RTM_VIEW_SET target, DWORD code, const RTM_DEST_INFO *di);
void fz_check_most_specific(int table, int caller, const RTM_NET_ADDRESS *addr,
                            ULONG protocol, RTM_VIEW_SET target, DWORD code,
                            const RTM_DEST_INFO *di);
void fz_check_less_specific(int table, int caller, const uint8_t *key, unsigned len,
                            ULONG protocol, RTM_VIEW_SET target, DWORD code,
                            const RTM_DEST_INFO *di);
/* Checks a destination information's contents against the model. */
void fz_check_dest_info(int table, int caller, ULONG protocol, RTM_VIEW_SET target,
                        const RTM_DEST_INFO *di);
/* Full audit: every destination, route and next hop enumerated at once. */
void fz_audit(int table);

/* Number of views of a view set that the library supports. */
UINT fz_view_count(RTM_VIEW_SET views);

/* ---- operations (fuzz_ops_*.c) ------------------------------------------- */

extern void (*const fz_entity_ops[])(struct fz_in *);
extern const unsigned fz_entity_op_count;
extern void (*const fz_route_ops[])(struct fz_in *);
extern const unsigned fz_route_op_count;
extern void (*const fz_lookup_ops[])(struct fz_in *);
extern const unsigned fz_lookup_op_count;
extern void (*const fz_enum_ops[])(struct fz_in *);
extern const unsigned fz_enum_op_count;

/* Deregisters every registered entity (end of input). */
void fz_deregister_all(void);
/* A registration handle of table for releasing what the harness holds at
 * the end of an input when no entity of the table is registered. */
HANDLE fz_janitor(int table);

/* Event callbacks and methods given at registration (fuzz_ops_entity.c). */
RTM_EVENT_CALLBACK fz_callback(unsigned kind);
void fz_methods_init(void);

#endif /* RTM_FUZZ_H */
