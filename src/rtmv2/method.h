/*
 * method.h - the methods an entity exports (RtmRegisterEntity) and the
 * lock that arbitrates their invocation (RtmInvokeMethod, RtmBlockMethods).
 *
 * Methods[i] of the RTM_ENTITY_EXPORT_METHODS given at registration is
 * method i, selected by bit i (1 << i) of a MethodType mask; an entity
 * exports at most RTM_MAX_METHODS. The list is copied at registration and
 * never changes; it is freed with the entity.
 *
 * The method lock (`block`, a client lock) is held shared by every
 * invocation while the entity's methods run, and exclusively while the
 * entity has blocked its methods (RTM_BLOCK_METHODS until
 * RTM_RESUME_METHODS): so an invocation waits while methods are blocked,
 * and blocking waits for the invocations in flight. Methods run with this
 * lock held and may call any RTM function, so it comes before every other
 * lock in the order of table.h. Deregistration lifts a block the entity
 * left and waits for the invocations in flight (rtm_methods_stop); an
 * invocation that gets the lock after that finds the entity deregistered
 * and runs nothing.
 */
#ifndef RTM_METHOD_H
#define RTM_METHOD_H

#include "rtmv2.h"
#include "base/client_lock.h"

/* Methods an entity can export: one per bit of RTM_ENTITY_METHOD_TYPE. */
#define RTM_MAX_METHODS 32

struct rtm_methods {
    UINT count;                        /* constant after registration */
    RTM_ENTITY_EXPORT_METHOD *list;    /* count methods (NULL when none) */
    struct rtm_client_lock block;      /* see above */
};

/*
 * Checks the ExportMethods argument of RtmRegisterEntity (may be NULL):
 * returns NO_ERROR, or ERROR_INVALID_DATA when it lists more than
 * RTM_MAX_METHODS methods or a NULL method.
 */
DWORD rtm_methods_check(const RTM_ENTITY_EXPORT_METHODS *exported);

/*
 * Initialises m with a copy of the (checked) exported methods, which may be
 * NULL. Returns NO_ERROR or ERROR_NOT_ENOUGH_MEMORY; m can be given to
 * rtm_methods_destroy in either case.
 */
DWORD rtm_methods_init(struct rtm_methods *m, const RTM_ENTITY_EXPORT_METHODS *exported);

/* Frees what rtm_methods_init allocated (the entity's free function). */
void rtm_methods_destroy(struct rtm_methods *m);

/*
 * At deregistration, once the entity is marked unregistered: lifts a block
 * the entity still holds and waits until no invocation of its methods is
 * in flight. Must not be called from within one of the entity's methods.
 */
void rtm_methods_stop(struct rtm_methods *m);

#endif /* RTM_METHOD_H */
