/*
 * handle.h - object handles and reference counts.
 *
 * Every object the library gives out (RTMv2's entities, destinations,
 * routes, next hops, ...) embeds a struct rtm_object as its first member. The object header ties the object
 * to a slot of a global handle table; the slot's index and generation,
 * encoded in a pointer-sized value, form the object's opaque handle (the
 * HANDLE of the RTMv2 API).
 *
 * Handle encoding
 *   64-bit: bits 0..31 slot index, bits 32..51 generation, bits 52..63 zero.
 *   32-bit: bits 0..23 slot index (16 M slots), bits 24..31 the low 8 bits
 *           of the generation.
 *   Index 0 is never used and the handle's generation field is never 0, so
 *   a handle is never NULL and small integers (1, 2, ...) are never valid.
 *   A handle keeps the same value for its object's whole life.
 *
 * Reference counts
 *   Each slot has one 64-bit state word, changed only by compare-and-swap,
 *   holding the generation (20 bits), the CLIENT count (22 bits: references
 *   held by handles the library gave to clients) and the INTERNAL count
 *   (22 bits: references held by the library's own structures and by API
 *   calls in flight). An object is alive while either count is nonzero. The
 *   CAS that brings both counts to zero also bumps the generation, so every
 *   existing handle of the object becomes stale in the same atomic step; the
 *   thread whose CAS did it calls the object's free function (outside every
 *   lock of this module) and then returns the slot to the free list.
 *   A count that would exceed its 22 bits is refused with
 *   RTM_HANDLE_ERR_OVERFLOW (or NULL from lookup); it never wraps.
 *
 * Type stability
 *   Slots live in fixed-size segments reached through a statically allocated
 *   directory; segments are never freed until rtm_handles_shutdown(), so
 *   validating any handle value - forged, stale, random - only reads memory
 *   of this module and never touches a freed object. An object is only
 *   dereferenced once a reference on it has been taken.
 *
 * Slot reuse
 *   Freed slots are reused in FIFO order (least recently freed first), and
 *   only once more than RTM_HANDLE_REUSE_DELAY slots are waiting on the free
 *   list (fresh slots are used until then), so that a stale handle's slot is
 *   reused as late as possible. A stale handle could only validate again
 *   after its slot's generation wrapped around: 2^20 reuses of that slot on
 *   64-bit, 255 reuses on 32-bit (where the handle carries 8 bits of it).
 *
 * Concurrency
 *   Every function here is thread-safe, except rtm_handles_shutdown().
 *   Validation and reference counting (lookup, ref, unref, reference,
 *   release) are lock-free and never allocate. Creating an object and
 *   returning a slot to the free list take a small module lock, held only
 *   for the free-list/segment bookkeeping, never while calling a free
 *   function. Initialisation is lazy and needs no constructor.
 *
 * Error codes are the numeric values of the corresponding Win32 errors, so
 * API code can return them as DWORDs unchanged.
 */
#ifndef RTM_HANDLE_H
#define RTM_HANDLE_H

#include <stddef.h>
#include <stdint.h>

#include "platform.h"
#include "striped_lock.h"

/* An opaque handle value; the same type as the Win32 HANDLE (void *). */
typedef void *rtm_handle;

/* Result codes (values equal the Win32 ERROR_* codes named). */
#define RTM_HANDLE_OK 0            /* NO_ERROR */
#define RTM_HANDLE_ERR_INVALID 6   /* ERROR_INVALID_HANDLE */
#define RTM_HANDLE_ERR_NOMEM 8     /* ERROR_NOT_ENOUGH_MEMORY */
#define RTM_HANDLE_ERR_OVERFLOW 534 /* ERROR_ARITHMETIC_OVERFLOW */

/* Largest value either reference count can reach (22 bits). */
#define RTM_HANDLE_MAX_REFS 0x3FFFFFu

/* Slots per segment, and how many freed slots must be waiting before the
 * oldest of them is reused (see "Slot reuse" above). */
#define RTM_HANDLE_SEGMENT_SLOTS 4096u
#define RTM_HANDLE_REUSE_DELAY 1024u

/* Object types: small numbers from 1 to RTM_OBJ_TYPE_LIMIT - 1, each API
 * layer numbering its own objects (rtmv2/objects.h). RTM_OBJ_ANY is a
 * wildcard accepted by the validating functions (RtmReferenceHandles takes
 * handles of any type); it is never the type of an object. */
typedef unsigned rtm_object_type;
#define RTM_OBJ_ANY 0u
#define RTM_OBJ_TYPE_LIMIT 32u

struct rtm_handle_slot; /* private to handle.c */

/*
 * The header embedded as the FIRST member of every concrete object.
 * Filled by rtm_object_init() and immutable afterwards; read it only while
 * holding a reference. Concrete code reads `type` and uses
 * rtm_object_handle(); the other fields are private to handle.c.
 */
struct rtm_object {
    rtm_handle handle;                     /* the object's handle value (its
                                              slot index and generation) */
    void (*free_fn)(struct rtm_object *);  /* called once, when it dies */
    rtm_object_type type;                  /* what the object is */
    uint32_t striped;                      /* nonzero: followed by struct
                                              rtm_ref_stripes (below) */
};

/*
 * Striped reference counts, for objects that many threads reference at
 * once (entities: every call validates its registration handle, and every
 * look-up returns the best route's Owner handle). While the stripes are on,
 * a reference taken or dropped - through the object or through its handle
 * - is counted in the calling thread's stripe (striped_lock.h) instead of
 * the slot's state word, so that threads on different cores do not write
 * one cache line. The object's true counts are the slot's plus the sums of
 * the stripes. The stripes are on from rtm_object_stripes_start() to
 * rtm_object_stripes_stop(), which folds them into the slot; meanwhile the
 * object cannot die, since its creator's reference (held until after the
 * stop) is in the slot. A release that finds no client reference to drop
 * is only detected in the slot, not in a stripe.
 *
 * Such an object is laid out as struct rtm_object immediately followed by
 * struct rtm_ref_stripes, and its memory must stay type-stable while the
 * library runs (recycled for objects of the same kind, never returned to
 * the allocator): an operation through a handle touches the stripes before
 * it can know that the handle is still valid.
 */
struct rtm_ref_stripe {
    rtm_atomic32 busy;     /* operations in progress on this stripe */
    rtm_atomic32 client;   /* client references taken minus dropped here */
    rtm_atomic32 internal; /* internal references taken minus dropped here */
    char line[128 - 3 * sizeof(rtm_atomic32)]; /* a cache line of its own */
};

struct rtm_ref_stripes {
    rtm_atomic32 on;       /* 1 while references are counted in stripes */
    struct rtm_ref_stripe stripe[RTM_LOCK_STRIPES];
};

/*
 * rtm_object_init - give a new object a slot, a handle and its first
 * reference.
 * @obj:     the object's header; the rest of the object should be fully
 *           initialised first, since the handle is valid (other threads can
 *           look it up, e.g. with a guessed value) as soon as this returns.
 * @type:    the object's type; must not be RTM_OBJ_ANY.
 * @free_fn: called exactly once, with @obj, when both counts reach zero; it
 *           releases the object's own references and frees its memory. May
 *           be NULL (nothing is called). See rtm_object_unref() for what it
 *           may do.
 * Returns RTM_HANDLE_OK, RTM_HANDLE_ERR_NOMEM (no memory for a new segment,
 * or all slots in use) or RTM_HANDLE_ERR_INVALID (bad @type). On success
 * the counts are client 0, internal 1 (the creator's reference, dropped
 * with rtm_object_unref() or turned into a client reference with
 * rtm_object_internal_to_client()). On failure @obj is untouched except
 * that obj->handle is NULL, and free_fn is not called.
 * Thread-safe; takes the module lock briefly and may allocate.
 */
int rtm_object_init(struct rtm_object *obj, rtm_object_type type,
                    void (*free_fn)(struct rtm_object *));

/*
 * rtm_object_init_striped - rtm_object_init() for an object laid out as
 * struct rtm_object followed by struct rtm_ref_stripes (see above), in
 * type-stable memory. Its stripes are off until rtm_object_stripes_start().
 * The stripes' counts must be zero (fresh memory, or the object it held
 * before was stopped).
 */
int rtm_object_init_striped(struct rtm_object *obj, rtm_object_type type,
                            void (*free_fn)(struct rtm_object *));

/*
 * rtm_object_stripes_start - from now on, count the references of @obj in
 * the stripes. The caller holds the creator's reference and keeps it until
 * after rtm_object_stripes_stop(). Thread-safe.
 */
void rtm_object_stripes_start(struct rtm_object *obj);

/*
 * rtm_object_stripes_stop - fold the stripes' counts into the slot and
 * count in the slot from now on. Waits (spinning) for operations in
 * progress on the stripes, which take a few instructions each. Call once,
 * holding a reference of either kind besides the creator's. Thread-safe.
 */
void rtm_object_stripes_stop(struct rtm_object *obj);

/*
 * rtm_handle_lookup - validate a handle and take an internal reference.
 * @h:    any value (forged, stale, NULL are fine).
 * @type: the expected type, or RTM_OBJ_ANY.
 * Returns the object, with one INTERNAL reference taken for the caller
 * (drop it with rtm_object_unref()), or NULL if @h is not the handle of a
 * live object of @type, or if the internal count is at its maximum.
 * Validation and the reference are one CAS: a lookup racing with the final
 * release either gets the object (and keeps it alive) or gets NULL.
 * Thread-safe, lock-free, never allocates, never calls a free function.
 */
struct rtm_object *rtm_handle_lookup(rtm_handle h, rtm_object_type type);

/*
 * rtm_object_set_scope - tag a live object with a scope: a small nonzero
 * number (at most RTM_HANDLE_MAX_SCOPE) naming the group it belongs to,
 * e.g. its route table, so that rtm_handle_lookup_in() and
 * rtm_handle_release_in() check "of this type AND of this group" in the
 * same single CAS, without dereferencing the object. Call once, right
 * after rtm_object_init(), by the object's creator (holding its reference).
 */
void rtm_object_set_scope(struct rtm_object *obj, uint32_t scope);

/* Largest scope value (24 bits). */
#define RTM_HANDLE_MAX_SCOPE 0xFFFFFFu

/*
 * rtm_handle_lookup_in - rtm_handle_lookup() that also requires the
 * object's scope to be @scope (0: any scope). Same contract otherwise.
 */
struct rtm_object *rtm_handle_lookup_in(rtm_handle h, rtm_object_type type,
                                        uint32_t scope);

/*
 * rtm_handle_reference - validate a handle and add a client reference
 * (RtmReferenceHandles).
 * @h, @type: as for rtm_handle_lookup().
 * Returns RTM_HANDLE_OK; RTM_HANDLE_ERR_INVALID if @h is not the handle of
 * a live object of @type; RTM_HANDLE_ERR_OVERFLOW if the client count is at
 * its maximum (nothing changes).
 * Thread-safe, lock-free, never calls a free function.
 */
int rtm_handle_reference(rtm_handle h, rtm_object_type type);

/*
 * rtm_handle_release - validate a handle and drop one client reference
 * (the Release* functions).
 * @h, @type: as for rtm_handle_lookup().
 * Returns RTM_HANDLE_OK, or RTM_HANDLE_ERR_INVALID (nothing changes) if @h
 * is stale, forged, of another type, or its object's client count is
 * already 0 (e.g. a double release). Never drops an internal reference.
 * If this drops the last reference of any kind, the object's free function
 * is called before return, in the calling thread, so the caller must not
 * hold a lock that free function takes. Thread-safe; lock-free except for
 * the final release (free-list lock).
 */
int rtm_handle_release(rtm_handle h, rtm_object_type type);

/*
 * rtm_handle_release_in - rtm_handle_release() that also requires the
 * object's scope to be @scope (0: any scope): one CAS validates the
 * handle, its type and scope and drops the reference. Same contract
 * otherwise.
 */
int rtm_handle_release_in(rtm_handle h, rtm_object_type type, uint32_t scope);

/*
 * rtm_object_ref - add an internal reference.
 * @obj: an object on which the caller holds a reference (of either kind).
 * Returns RTM_HANDLE_OK, RTM_HANDLE_ERR_OVERFLOW (nothing changes), or
 * RTM_HANDLE_ERR_INVALID if @obj is detectably dead (a caller bug).
 * Thread-safe, lock-free.
 */
int rtm_object_ref(struct rtm_object *obj);

/*
 * rtm_object_unref - drop an internal reference.
 * @obj: an object on which the caller holds an internal reference.
 * Returns RTM_HANDLE_OK, or RTM_HANDLE_ERR_INVALID (nothing changes) if the
 * internal count is already 0 or @obj is detectably dead (a caller bug).
 * If this drops the last reference, @obj's free function runs before
 * return, in the calling thread, with no lock of this module held: the
 * free function may unref other objects (recursively freeing them) and
 * create objects, but must not resurrect @obj, and the caller of
 * rtm_object_unref() must not hold a lock that the free function takes.
 * After return, @obj may be freed memory: do not touch it unless another
 * reference is held. Thread-safe; lock-free except for the final unref.
 */
int rtm_object_unref(struct rtm_object *obj);

/*
 * rtm_object_ref_client - add a client reference, e.g. when a handle to
 * @obj is returned to a client (alone or inside an info structure).
 * @obj: an object on which the caller holds a reference (of either kind).
 * Returns RTM_HANDLE_OK, RTM_HANDLE_ERR_OVERFLOW (nothing changes), or
 * RTM_HANDLE_ERR_INVALID if @obj is detectably dead (a caller bug).
 * Thread-safe, lock-free.
 */
int rtm_object_ref_client(struct rtm_object *obj);

/*
 * rtm_object_internal_to_client - turn one internal reference into a
 * client reference in a single CAS (e.g. the reference taken by
 * rtm_object_init() or rtm_handle_lookup() becomes the one the client's
 * handle holds). Never frees the object.
 * @obj: an object on which the caller holds an internal reference.
 * Returns RTM_HANDLE_OK; RTM_HANDLE_ERR_OVERFLOW if the client count is at
 * its maximum, or RTM_HANDLE_ERR_INVALID if the internal count is 0 or the
 * object is dead (a caller bug); nothing changes on error.
 * Thread-safe, lock-free.
 */
int rtm_object_internal_to_client(struct rtm_object *obj);

/*
 * rtm_object_handle - the handle of an object (non-NULL, constant for the
 * object's life). @obj must be initialised and referenced by the caller.
 */
static inline rtm_handle rtm_object_handle(const struct rtm_object *obj)
{
    return obj->handle;
}

/*
 * rtm_object_refcounts - snapshot of an object's counts, for diagnostics
 * (RTM_DEBUG leak reports) and tests. Either output pointer may be NULL.
 * @obj must be referenced by the caller; the values may be out of date as
 * soon as they are read. Both are 0 if @obj is dead. Thread-safe.
 */
void rtm_object_refcounts(const struct rtm_object *obj, uint32_t *client,
                          uint32_t *internal);

/*
 * rtm_live_objects - number of live objects of @type (RTM_OBJ_ANY: of all
 * types). An object counts from rtm_object_init() until its free function
 * has returned. Thread-safe; a snapshot. Returns 0 for an invalid type.
 */
size_t rtm_live_objects(rtm_object_type type);

/*
 * rtm_handles_shutdown - free every segment and reset the module to its
 * initial state (library unload; also used by tests). Must be called when
 * no other thread uses the library. Free functions of objects still alive
 * are NOT called (their handles simply stop being valid; their memory is
 * not this module's). The module may be used again afterwards: it
 * initialises itself lazily on the next rtm_object_init().
 */
void rtm_handles_shutdown(void);

/*
 * rtm_handles_destroy_live - calls destroy once for every object still alive
 * (library unload, before rtm_handles_shutdown), so that it can free the
 * object's memory without touching references: every live object is being
 * destroyed. Must be called when no other thread uses the library.
 */
void rtm_handles_destroy_live(void (*destroy)(struct rtm_object *obj));

#endif /* RTM_HANDLE_H */
