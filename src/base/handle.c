/*
 * handle.c - the handle table: type-stable slots, generations and the
 * two reference counts of every object (see handle.h for the contract).
 *
 * Data structures
 *   g_directory[]  statically allocated array of segment pointers; an entry
 *                  goes from NULL to a segment once (under g_lock, published
 *                  with an atomic store) and back to NULL only in
 *                  rtm_handles_shutdown().
 *   segment        RTM_HANDLE_SEGMENT_SLOTS slots, zero-filled when created
 *                  (state 0 = generation 0, both counts 0: dead).
 *   slot           state word (generation | client | internal), the object
 *                  pointer and tag (type | scope) of its current occupant,
 *                  and a free-list link.
 *   free list      FIFO of dead slots linked through next_free, with
 *                  g_next_fresh the first never-used index.
 *
 * Concurrency rules
 *   - The state word is only changed by CAS, except in rtm_object_init(),
 *     which stores the first live state into a dead slot that it owns
 *     exclusively: no CAS ever succeeds on a dead state (every path checks
 *     "alive" before its CAS), so the store cannot be lost.
 *   - slot->obj and the type in slot->tag are written only while the slot
 *     is dead and owned (init, or the thread that killed it), before the
 *     state store that makes it live; readers read them after loading a
 *     live state with their generation (tag) or after their CAS succeeded
 *     (obj). The scope in slot->tag is set once by its owner after init
 *     (a scoped look-up before that fails, as if the object did not exist
 *     yet). All atomics are sequentially consistent (platform.h), which
 *     orders this.
 *   - g_lock (used exclusively) protects next_free, the free-list head,
 *     tail and count, g_next_fresh, and directory growth. It is never held
 *     while a free function runs, and nothing else is locked under it.
 *   - An object pointer is dereferenced only while a reference is held, or
 *     by the single thread whose CAS killed the object.
 */
#include "handle.h"
#include "debug.h"

/* ------------------------------------------------------------------ */
/* Geometry and encodings.                                             */
/* ------------------------------------------------------------------ */

#define SEG_SLOTS RTM_HANDLE_SEGMENT_SLOTS

#if UINTPTR_MAX > 0xFFFFFFFFu
/* 64-bit handle: index in bits 0..31, the full 20-bit generation above. */
#define HANDLE_INDEX_BITS 32
#define HANDLE_GEN_MASK 0xFFFFFu
#define MAX_SEGMENTS 16384u /* 64 M slots; a 128 KiB directory in .bss */
#else
/* 32-bit handle: index in bits 0..23, low 8 bits of the generation above. */
#define HANDLE_INDEX_BITS 24
#define HANDLE_GEN_MASK 0xFFu
#define MAX_SEGMENTS 4096u /* 2^24 slots: every index a handle can carry */
#endif

#define HANDLE_INDEX_MASK ((((uintptr_t)1) << HANDLE_INDEX_BITS) - 1)
#define MAX_SLOTS ((uint32_t)MAX_SEGMENTS * SEG_SLOTS)

/* State word: internal count bits 0..21, client 22..43, generation 44..63. */
#define COUNT_BITS 22
#define COUNT_MASK ((uint64_t)RTM_HANDLE_MAX_REFS)
#define CLIENT_SHIFT COUNT_BITS
#define GEN_SHIFT (2 * COUNT_BITS)
#define GEN_MASK 0xFFFFFu

#define ST_INTERNAL(st) ((uint32_t)((st) & COUNT_MASK))
#define ST_CLIENT(st) ((uint32_t)(((st) >> CLIENT_SHIFT) & COUNT_MASK))
#define ST_GEN(st) ((uint32_t)((st) >> GEN_SHIFT))

struct rtm_handle_slot {
    rtm_atomic64 state;  /* generation | client | internal; CAS only */
    rtm_atomic_ptr obj;  /* current occupant (valid while live) */
    rtm_atomic32 tag;    /* its type | scope << TAG_SCOPE_SHIFT (valid
                            while live) */
    uint32_t next_free;  /* free-list link; g_lock */
};

/* The tag: the type in the low 7 bits, TAG_STRIPED (the object has
 * reference stripes), the scope (handle.h) above. */
#define TAG_TYPE_MASK 0x7Fu
#define TAG_STRIPED 0x80u
#define TAG_SCOPE_SHIFT 8

/* What rtm_object_stripes_stop() adds to both slot counts while it folds
 * the stripes, so that releases reaching the slot meanwhile find the
 * references they drop (taken in a stripe) already there. */
#define FOLD_BIAS ((int64_t)1 << 20)

_Static_assert(RTM_OBJ_TYPE_LIMIT <= 32, "type fits the slot");
_Static_assert(RTM_HANDLE_MAX_SCOPE == 0xFFFFFFFFu >> TAG_SCOPE_SHIFT, "scope fits the tag");
_Static_assert(sizeof(struct rtm_handle_slot) % 8 == 0, "state stays 8-aligned");
_Static_assert(MAX_SLOTS - 1 <= HANDLE_INDEX_MASK, "every index encodable");

#ifdef _WIN32
_Static_assert(RTM_HANDLE_ERR_INVALID == ERROR_INVALID_HANDLE, "Win32 code");
_Static_assert(RTM_HANDLE_ERR_NOMEM == ERROR_NOT_ENOUGH_MEMORY, "Win32 code");
_Static_assert(RTM_HANDLE_ERR_OVERFLOW == ERROR_ARITHMETIC_OVERFLOW, "Win32 code");
_Static_assert(sizeof(rtm_handle) == sizeof(HANDLE), "HANDLE size");
#endif

/* ------------------------------------------------------------------ */
/* Module state. Zero/statically initialised: no constructor needed.   */
/* ------------------------------------------------------------------ */

static rtm_atomic_ptr g_directory[MAX_SEGMENTS];
static rtm_rwlock g_lock = RTM_RWLOCK_INIT;
static uint32_t g_next_fresh = 1; /* index 0 is never used */
static uint32_t g_free_head;      /* 0: empty */
static uint32_t g_free_tail;
static uint32_t g_free_count;
static rtm_atomic64 g_live[RTM_OBJ_TYPE_LIMIT];

/* ------------------------------------------------------------------ */
/* Helpers.                                                            */
/* ------------------------------------------------------------------ */

static inline uint64_t make_state(uint32_t gen, uint32_t client, uint32_t internal)
{
    return ((uint64_t)gen << GEN_SHIFT) | ((uint64_t)client << CLIENT_SHIFT) | internal;
}

static inline uint64_t state_load(struct rtm_handle_slot *s)
{
    return (uint64_t)rtm_atomic64_load(&s->state);
}

static inline int state_cas(struct rtm_handle_slot *s, uint64_t expected, uint64_t desired)
{
    return rtm_atomic64_cas(&s->state, (int64_t)expected, (int64_t)desired);
}

/* The generation that follows @g; its handle-visible part is never 0. */
static inline uint32_t next_gen(uint32_t g)
{
    g = (g + 1) & GEN_MASK;
    if ((g & HANDLE_GEN_MASK) == 0)
        g = (g + 1) & GEN_MASK;
    return g;
}

static inline rtm_handle encode_handle(uint32_t index, uint32_t gen)
{
    uintptr_t v = (uintptr_t)index | ((uintptr_t)(gen & HANDLE_GEN_MASK) << HANDLE_INDEX_BITS);
    return (rtm_handle)v;
}

static inline uint32_t handle_index(rtm_handle h)
{
    return (uint32_t)((uintptr_t)h & HANDLE_INDEX_MASK);
}

static inline uint32_t handle_gen(rtm_handle h)
{
    return (uint32_t)((uintptr_t)h >> HANDLE_INDEX_BITS);
}

/* The slot of @index, or NULL if its segment does not exist. */
static inline struct rtm_handle_slot *slot_at(uint32_t index)
{
    struct rtm_handle_slot *seg = rtm_atomic_ptr_load(&g_directory[index / SEG_SLOTS]);
    return seg ? &seg[index % SEG_SLOTS] : NULL;
}

/* The slot of a live object (its handle is valid, so its segment exists). */
static inline struct rtm_handle_slot *obj_slot(const struct rtm_object *obj)
{
    return slot_at(handle_index(obj->handle));
}

/* Decode and range-check a handle value; NULL if it cannot be valid. */
static inline struct rtm_handle_slot *slot_of_handle(rtm_handle h, uint32_t *hgen)
{
    uint32_t index = handle_index(h);
    uintptr_t gen = (uintptr_t)h >> HANDLE_INDEX_BITS;

    if (index == 0 || index >= MAX_SLOTS || gen == 0 || gen > HANDLE_GEN_MASK)
        return NULL;
    *hgen = (uint32_t)gen;
    return slot_at(index);
}

/* The type a handle's slot holds now (for diagnostics), or RTM_OBJ_ANY. */
static rtm_object_type handle_type(rtm_handle h)
{
    uint32_t hgen;
    struct rtm_handle_slot *s = slot_of_handle(h, &hgen);

    return s ? (rtm_object_type)((uint32_t)rtm_atomic32_load(&s->tag) & TAG_TYPE_MASK)
             : RTM_OBJ_ANY;
}

/* Pop the oldest free slot. g_lock held, list not empty. */
static uint32_t free_list_pop(void)
{
    struct rtm_handle_slot *s;
    uint32_t index = g_free_head;

    s = slot_at(index);
    g_free_head = s->next_free;
    if (g_free_head == 0)
        g_free_tail = 0;
    s->next_free = 0;
    g_free_count--;
    return index;
}

/* Take a dead slot for a new object; 0 if none can be had. g_lock held. */
static uint32_t alloc_index(void)
{
    if (g_free_count > RTM_HANDLE_REUSE_DELAY)
        return free_list_pop();
    if (g_next_fresh < MAX_SLOTS) {
        uint32_t seg = g_next_fresh / SEG_SLOTS;

        if (!rtm_atomic_ptr_load(&g_directory[seg])) {
            void *p = rtm_calloc(SEG_SLOTS, sizeof(struct rtm_handle_slot));

            if (!p)
                return g_free_count ? free_list_pop() : 0;
            rtm_atomic_ptr_store(&g_directory[seg], p);
        }
        return g_next_fresh++;
    }
    return g_free_count ? free_list_pop() : 0;
}

/*
 * The caller's CAS killed @obj (in slot @s): run its free function, then
 * make the slot reusable. Called with no lock held.
 */
static void object_died(struct rtm_handle_slot *s, struct rtm_object *obj)
{
    uint32_t index = handle_index(obj->handle);
    rtm_object_type type = obj->type;
    void (*free_fn)(struct rtm_object *) = obj->free_fn;

    if (free_fn)
        free_fn(obj); /* obj is gone from here on */

    rtm_rwlock_lock_exclusive(&g_lock);
    rtm_atomic_ptr_store(&s->obj, NULL);
    s->next_free = 0;
    if (g_free_tail)
        slot_at(g_free_tail)->next_free = index;
    else
        g_free_head = index;
    g_free_tail = index;
    g_free_count++;
    rtm_rwlock_unlock_exclusive(&g_lock);

    rtm_atomic64_add(&g_live[type], -1);
}

/*
 * The one state transition of this module. Validates slot @s against the
 * handle generation @hgen, @type (RTM_OBJ_ANY: any) and @scope (0: any),
 * then adds
 * @d_client and @d_internal (each -1, 0 or +1) to the counts in one CAS.
 * A count that would go below 0 -> RTM_HANDLE_ERR_INVALID; above the
 * maximum -> RTM_HANDLE_ERR_OVERFLOW; nothing changes on error. If both
 * counts become 0, the same CAS bumps the generation and this thread frees
 * the object. On success *out (if not NULL) receives the object, which the
 * caller may use only if it still holds a reference.
 */
static inline int slot_update(struct rtm_handle_slot *s, uint32_t hgen,
                              rtm_object_type type, uint32_t scope, int d_client,
                              int d_internal, struct rtm_object **out)
{
    uint64_t st = state_load(s);

    for (;;) {
        uint32_t gen = ST_GEN(st);
        int64_t client = (int64_t)ST_CLIENT(st) + d_client;
        int64_t internal = (int64_t)ST_INTERNAL(st) + d_internal;
        uint64_t next;

        if ((gen & HANDLE_GEN_MASK) != hgen)
            return RTM_HANDLE_ERR_INVALID; /* stale or never issued */
        if (ST_CLIENT(st) == 0 && ST_INTERNAL(st) == 0)
            return RTM_HANDLE_ERR_INVALID; /* dead, or not yet born */
        /* Live with our generation: the tag was written before this state
         * (the scope possibly after it: see the concurrency rules). */
        if (type != RTM_OBJ_ANY || scope != 0) {
            uint32_t tag = (uint32_t)rtm_atomic32_load(&s->tag);
            if (type != RTM_OBJ_ANY && (tag & TAG_TYPE_MASK) != (uint32_t)type)
                return RTM_HANDLE_ERR_INVALID;
            if (scope != 0 && tag >> TAG_SCOPE_SHIFT != scope)
                return RTM_HANDLE_ERR_INVALID;
        }
        if (client < 0 || internal < 0)
            return RTM_HANDLE_ERR_INVALID;
        if (client > (int64_t)RTM_HANDLE_MAX_REFS || internal > (int64_t)RTM_HANDLE_MAX_REFS)
            return RTM_HANDLE_ERR_OVERFLOW;

        if (client == 0 && internal == 0)
            next = make_state(next_gen(gen), 0, 0);
        else
            next = make_state(gen, (uint32_t)client, (uint32_t)internal);

        if (state_cas(s, st, next)) {
            if (client == 0 && internal == 0) {
                /* Only we may touch the dead slot until it is queued. */
                object_died(s, rtm_atomic_ptr_load(&s->obj));
                if (out)
                    *out = NULL;
            } else if (out) {
                *out = rtm_atomic_ptr_load(&s->obj);
            }
            return RTM_HANDLE_OK;
        }
        st = state_load(s);
    }
}

/* ------------------------------------------------------------------ */
/* Reference stripes (handle.h).                                       */
/* ------------------------------------------------------------------ */

static inline struct rtm_ref_stripes *stripes_of(struct rtm_object *obj)
{
    return (struct rtm_ref_stripes *)(obj + 1);
}

/* Nonzero if slot @s holds a live object of generation @hgen. */
static inline int slot_live(struct rtm_handle_slot *s, uint32_t hgen)
{
    uint64_t st = state_load(s);
    return (ST_GEN(st) & HANDLE_GEN_MASK) == hgen && (ST_CLIENT(st) || ST_INTERNAL(st));
}

/* The client references of @obj counted in its slot and stripes now. */
static int64_t client_total(struct rtm_handle_slot *s, struct rtm_ref_stripes *rs)
{
    int64_t total = ST_CLIENT(state_load(s));

    for (int i = 0; i < RTM_LOCK_STRIPES; i++)
        total += rtm_atomic32_load(&rs->stripe[i].client);
    return total;
}

/*
 * Counts d_client and d_internal in the calling thread's stripe of @obj
 * (type-stable memory with stripes), if its stripes are on and slot @s
 * still holds it live with generation @hgen. Returns 1 if counted; 0: the
 * caller must go to the slot; -1: refused, a client reference was to be
 * dropped and there is none (a double release). While busy is raised,
 * rtm_object_stripes_stop() cannot fold this stripe, so a count made after
 * both checks passed is either folded or never needed. A stripe's client
 * count goes below zero when references are released on another thread
 * than the one that took them; only then are the other stripes summed.
 */
static int stripe_update(struct rtm_handle_slot *s, uint32_t hgen, struct rtm_object *obj,
                         int d_client, int d_internal)
{
    struct rtm_ref_stripes *rs = stripes_of(obj);
    struct rtm_ref_stripe *st = &rs->stripe[rtm_thread_stripe()];
    int result = 0;

    rtm_atomic32_add(&st->busy, 1);
    if (rtm_atomic32_load(&rs->on) && slot_live(s, hgen)) {
        result = 1;
        if (d_client && rtm_atomic32_add(&st->client, d_client) < 0 && d_client < 0 &&
            client_total(s, rs) < 0) {
            rtm_atomic32_add(&st->client, -d_client);
            result = -1;
        }
        if (d_internal && result > 0)
            rtm_atomic32_add(&st->internal, d_internal);
    }
    rtm_atomic32_add(&st->busy, -1);
    return result;
}

/*
 * The object with stripes that slot @s holds live with generation @hgen,
 * of @type and @scope (as slot_update() checks them), or NULL (not such an
 * object, or not striped: the caller goes to the slot, which decides).
 */
static struct rtm_object *striped_occupant(struct rtm_handle_slot *s, uint32_t hgen,
                                           rtm_object_type type, uint32_t scope)
{
    uint32_t tag;
    struct rtm_object *obj;

    if (!slot_live(s, hgen))
        return NULL;
    tag = (uint32_t)rtm_atomic32_load(&s->tag);
    obj = rtm_atomic_ptr_load(&s->obj);
    if (!(tag & TAG_STRIPED) || !obj ||
        (type != RTM_OBJ_ANY && (tag & TAG_TYPE_MASK) != (uint32_t)type) ||
        (scope != 0 && tag >> TAG_SCOPE_SHIFT != scope))
        return NULL;
    /* Tag and pointer were written before the state of this generation;
     * still this generation: they are that object's. */
    return slot_live(s, hgen) ? obj : NULL;
}

/* A handle operation: in the occupant's stripe if it has them on, else in
 * the slot. */
static int handle_update(rtm_handle h, rtm_object_type type, uint32_t scope,
                         int d_client, int d_internal, struct rtm_object **out)
{
    struct rtm_handle_slot *s;
    struct rtm_object *obj;
    uint32_t hgen;

    s = slot_of_handle(h, &hgen);
    if (!s)
        return RTM_HANDLE_ERR_INVALID;
    obj = striped_occupant(s, hgen, type, scope);
    switch (obj ? stripe_update(s, hgen, obj, d_client, d_internal) : 0) {
    case 1:
        if (out)
            *out = obj;
        return RTM_HANDLE_OK;
    case -1:
        return RTM_HANDLE_ERR_INVALID;
    default:
        return slot_update(s, hgen, type, scope, d_client, d_internal, out);
    }
}

/* An operation by a holder of a reference on @obj. */
static int object_update(struct rtm_object *obj, int d_client, int d_internal)
{
    struct rtm_handle_slot *s = obj_slot(obj);
    uint32_t hgen = handle_gen(obj->handle);

    switch (obj->striped ? stripe_update(s, hgen, obj, d_client, d_internal) : 0) {
    case 1:
        return RTM_HANDLE_OK;
    case -1:
        return RTM_HANDLE_ERR_INVALID;
    default:
        return slot_update(s, hgen, RTM_OBJ_ANY, 0, d_client, d_internal, NULL);
    }
}

/* Adds large deltas to the slot counts of @obj (referenced by the caller,
 * so they never both reach 0); a count is kept within 0..max. */
static void slot_add(struct rtm_object *obj, int64_t d_client, int64_t d_internal)
{
    struct rtm_handle_slot *s = obj_slot(obj);
    uint64_t st = state_load(s);

    for (;;) {
        int64_t client = (int64_t)ST_CLIENT(st) + d_client;
        int64_t internal = (int64_t)ST_INTERNAL(st) + d_internal;

        client = client < 0 ? 0 : client > (int64_t)RTM_HANDLE_MAX_REFS ? (int64_t)RTM_HANDLE_MAX_REFS : client;
        internal = internal < 1 ? 1 : internal > (int64_t)RTM_HANDLE_MAX_REFS ? (int64_t)RTM_HANDLE_MAX_REFS : internal;
        if (state_cas(s, st, make_state(ST_GEN(st), (uint32_t)client, (uint32_t)internal)))
            return;
        st = state_load(s);
    }
}

void rtm_object_stripes_start(struct rtm_object *obj)
{
    rtm_atomic32_store(&stripes_of(obj)->on, 1);
}

void rtm_object_stripes_stop(struct rtm_object *obj)
{
    struct rtm_ref_stripes *rs = stripes_of(obj);
    int64_t client = 0, internal = 0;

    slot_add(obj, FOLD_BIAS, FOLD_BIAS);
    rtm_atomic32_store(&rs->on, 0);
    for (int i = 0; i < RTM_LOCK_STRIPES; i++) {
        struct rtm_ref_stripe *st = &rs->stripe[i];

        while (rtm_atomic32_load(&st->busy))
            rtm_yield();
        client += rtm_atomic32_load(&st->client);
        internal += rtm_atomic32_load(&st->internal);
        rtm_atomic32_store(&st->client, 0);
        rtm_atomic32_store(&st->internal, 0);
    }
    slot_add(obj, client - FOLD_BIAS, internal - FOLD_BIAS);
}

/* ------------------------------------------------------------------ */
/* API.                                                                */
/* ------------------------------------------------------------------ */

/* Gives a new object a slot; @striped: it has reference stripes. */
static int object_init(struct rtm_object *obj, rtm_object_type type,
                       void (*free_fn)(struct rtm_object *), uint32_t striped)
{
    struct rtm_handle_slot *s;
    uint32_t index, gen;

    obj->handle = NULL;
    if (type == RTM_OBJ_ANY || type >= RTM_OBJ_TYPE_LIMIT)
        return RTM_HANDLE_ERR_INVALID;

    rtm_rwlock_lock_exclusive(&g_lock);
    index = alloc_index();
    rtm_rwlock_unlock_exclusive(&g_lock);
    if (index == 0)
        return RTM_HANDLE_ERR_NOMEM;

    /* The slot is dead and ours alone until the state store below. */
    s = slot_at(index);
    gen = ST_GEN(state_load(s));
    if ((gen & HANDLE_GEN_MASK) == 0)
        gen = next_gen(gen); /* a fresh slot: generation 0 is never issued */

    obj->handle = encode_handle(index, gen);
    obj->type = type;
    obj->free_fn = free_fn;
    obj->striped = striped;
    rtm_atomic32_store(&s->tag, (int32_t)((uint32_t)type | (striped ? TAG_STRIPED : 0)));
    rtm_atomic_ptr_store(&s->obj, obj);
    rtm_atomic64_add(&g_live[type], 1);
    rtm_atomic64_store(&s->state, (int64_t)make_state(gen, 0, 1));
    return RTM_HANDLE_OK;
}

int rtm_object_init(struct rtm_object *obj, rtm_object_type type,
                    void (*free_fn)(struct rtm_object *))
{
    return object_init(obj, type, free_fn, 0);
}

int rtm_object_init_striped(struct rtm_object *obj, rtm_object_type type,
                            void (*free_fn)(struct rtm_object *))
{
    return object_init(obj, type, free_fn, 1);
}

void rtm_object_set_scope(struct rtm_object *obj, uint32_t scope)
{
    uint32_t tag = (uint32_t)obj->type | (obj->striped ? TAG_STRIPED : 0);

    rtm_atomic32_store(&obj_slot(obj)->tag, (int32_t)(tag | scope << TAG_SCOPE_SHIFT));
}

struct rtm_object *rtm_handle_lookup_in(rtm_handle h, rtm_object_type type, uint32_t scope)
{
    struct rtm_object *obj = NULL;

    if (handle_update(h, type, scope, 0, +1, &obj) != RTM_HANDLE_OK)
        return NULL;
    return obj;
}

struct rtm_object *rtm_handle_lookup(rtm_handle h, rtm_object_type type)
{
    return rtm_handle_lookup_in(h, type, 0);
}

int rtm_handle_reference(rtm_handle h, rtm_object_type type)
{
    int r = handle_update(h, type, 0, +1, 0, NULL);

    if (r == RTM_HANDLE_OK)
        RTM_DEBUG_CLIENT_REF(h, handle_type(h), +1);
    return r;
}

int rtm_handle_release_in(rtm_handle h, rtm_object_type type, uint32_t scope)
{
    int r;

    /* The slot's type is read first: the release may free the object. */
    if (RTM_DEBUG_ON(RTM_DEBUG_HANDLES | RTM_DEBUG_LEAKS) && type == RTM_OBJ_ANY)
        type = handle_type(h);
    r = handle_update(h, type, scope, -1, 0, NULL);
    if (r == RTM_HANDLE_OK)
        RTM_DEBUG_CLIENT_REF(h, type, -1);
    return r;
}

int rtm_handle_release(rtm_handle h, rtm_object_type type)
{
    return rtm_handle_release_in(h, type, 0);
}

int rtm_object_ref(struct rtm_object *obj)
{
    return object_update(obj, 0, +1);
}

int rtm_object_unref(struct rtm_object *obj)
{
    return object_update(obj, 0, -1);
}

int rtm_object_ref_client(struct rtm_object *obj)
{
    int r = object_update(obj, +1, 0);

    if (r == RTM_HANDLE_OK)
        RTM_DEBUG_CLIENT_REF(obj->handle, obj->type, +1);
    return r;
}

int rtm_object_internal_to_client(struct rtm_object *obj)
{
    int r = object_update(obj, +1, -1);

    if (r == RTM_HANDLE_OK)
        RTM_DEBUG_CLIENT_REF(obj->handle, obj->type, +1);
    return r;
}

void rtm_object_refcounts(const struct rtm_object *obj, uint32_t *client,
                          uint32_t *internal)
{
    uint64_t st = state_load(obj_slot(obj));
    int64_t c = ST_CLIENT(st), i = ST_INTERNAL(st);

    if ((ST_GEN(st) & HANDLE_GEN_MASK) != handle_gen(obj->handle)) {
        c = i = 0; /* dead: its generation has moved on */
    } else if (obj->striped) {
        struct rtm_ref_stripes *rs = stripes_of((struct rtm_object *)obj);
        for (int k = 0; k < RTM_LOCK_STRIPES; k++) {
            c += rtm_atomic32_load(&rs->stripe[k].client);
            i += rtm_atomic32_load(&rs->stripe[k].internal);
        }
    }
    if (client)
        *client = c < 0 ? 0 : (uint32_t)c;
    if (internal)
        *internal = i < 0 ? 0 : (uint32_t)i;
}

size_t rtm_live_objects(rtm_object_type type)
{
    int64_t n = 0;
    rtm_object_type t;

    if (type >= RTM_OBJ_TYPE_LIMIT)
        return 0;
    if (type != RTM_OBJ_ANY)
        return (size_t)rtm_atomic64_load(&g_live[type]);
    for (t = RTM_OBJ_ANY + 1; t < RTM_OBJ_TYPE_LIMIT; t++)
        n += rtm_atomic64_load(&g_live[t]);
    return (size_t)n;
}

void rtm_handles_destroy_live(void (*destroy)(struct rtm_object *obj))
{
    rtm_rwlock_lock_exclusive(&g_lock);
    for (uint32_t i = 0; i < MAX_SEGMENTS; i++) {
        struct rtm_handle_slot *seg = rtm_atomic_ptr_load(&g_directory[i]);

        for (uint32_t j = 0; seg && j < RTM_HANDLE_SEGMENT_SLOTS; j++) {
            uint64_t st = state_load(&seg[j]);
            if (ST_CLIENT(st) || ST_INTERNAL(st))
                destroy(rtm_atomic_ptr_load(&seg[j].obj));
        }
    }
    rtm_rwlock_unlock_exclusive(&g_lock);
}

void rtm_handles_shutdown(void)
{
    uint32_t i;

    rtm_rwlock_lock_exclusive(&g_lock);
    for (i = 0; i < MAX_SEGMENTS; i++) {
        void *seg = rtm_atomic_ptr_load(&g_directory[i]);

        if (seg) {
            rtm_atomic_ptr_store(&g_directory[i], NULL);
            rtm_free(seg);
        }
    }
    g_next_fresh = 1;
    g_free_head = g_free_tail = g_free_count = 0;
    for (i = 0; i < RTM_OBJ_TYPE_LIMIT; i++)
        rtm_atomic64_store(&g_live[i], 0);
    rtm_rwlock_unlock_exclusive(&g_lock);
}
