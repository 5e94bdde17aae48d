/*
 * test_events.c - entity events through the public API
 * (spec/rtmv2/nc-rtmv2-_event_callback.md): RTM_ENTITY_REGISTERED and
 * RTM_ENTITY_DEREGISTERED reach the other entities of the table that have a
 * callback, on a worker thread; a callback may call the API;
 * RtmDeregisterEntity stops an entity's callbacks and waits for the ones
 * running, also when called from inside one of them.
 *
 * Each test works in an RTM instance of its own (EVT_INSTANCE + n).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "rtm_test.h"

#define EVT_INSTANCE 2000
#define WAIT_MS 5000

/* What one listening entity saw. */
struct listener {
    RTM_ENTITY_HANDLE self;           /* its registration handle */
    int registered;         /* RTM_ENTITY_REGISTERED events */
    int deregistered;       /* RTM_ENTITY_DEREGISTERED events */
    int other;              /* any other event */
    RTM_ENTITY_HANDLE last_subject;   /* Context1 of the last event */
    ULONG last_protocol;              /* Context2->EntityId of it */
    ULONG last_instance;
    RTM_ENTITY_HANDLE callback_reg;   /* RtmRegHandle the callback got */
    DWORD api_status;                 /* RtmGetEntityInfo on the subject */
    int block;              /* while nonzero, the callback waits */
    int entered;            /* callbacks started */
    int deregister_self;              /* the callback deregisters itself */
    DWORD self_status;                /* what that returned */
};

/* Listeners per instance, found by the callback through its handle. */
#define MAX_LISTENERS 8
static struct listener *listeners[MAX_LISTENERS];

static struct listener *listener_of(RTM_ENTITY_HANDLE reg)
{
    for (int i = 0; i < MAX_LISTENERS; i++)
        if (listeners[i] && listeners[i]->self == reg)
            return listeners[i];
    return NULL;
}

static DWORD WINAPI on_event(RTM_ENTITY_HANDLE reg, RTM_EVENT_TYPE type, PVOID context1,
                             PVOID context2)
{
    struct listener *l = listener_of(reg);
    RTM_ENTITY_INFO info;

    if (!l)
        return NO_ERROR;
    test_counter_add(&l->entered, 1);
    while (test_counter_get(&l->block))
        test_sleep_ms(1);
    l->callback_reg = reg;
    if (type == RTM_ENTITY_REGISTERED || type == RTM_ENTITY_DEREGISTERED) {
        const RTM_ENTITY_INFO *subject = context2;
        l->last_subject = context1;
        l->last_protocol = subject->EntityId.EntityProtocolId;
        l->last_instance = subject->EntityId.EntityInstanceId;
        l->api_status = RtmGetEntityInfo(reg, context1, &info);
        if (l->deregister_self)
            l->self_status = RtmDeregisterEntity(reg);
        test_counter_add(type == RTM_ENTITY_REGISTERED ? &l->registered : &l->deregistered, 1);
    } else {
        test_counter_add(&l->other, 1);
    }
    return NO_ERROR;
}

/* Registers an entity with the event callback and a listener record. The
 * callback may run before RtmRegisterEntity returns only for events of later
 * registrations, so filling self afterwards is enough. */
static RTM_ENTITY_HANDLE register_listener(USHORT instance, ULONG protocol, struct listener *l)
{
    for (int i = 0; i < MAX_LISTENERS; i++) {
        if (!listeners[i]) {
            listeners[i] = l;
            break;
        }
    }
    l->self = test_register_with(instance, AF_INET, protocol, 1, NULL, on_event, FALSE, NULL);
    return l->self;
}

static void forget_listeners(void)
{
    memset(listeners, 0, sizeof listeners);
}

/* A new entity is announced to the others (not to itself), with its handle
 * and information; its deregistration too; the callback gets the
 * listener's own registration handle and may call the API. */
static void registration_events_reach_the_others(void **state)
{
    struct listener a, b;
    RTM_ENTITY_HANDLE ra, rb, rc;
    (void)state;

    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    ra = register_listener(EVT_INSTANCE + 1, 8, &a);
    rb = register_listener(EVT_INSTANCE + 1, 13, &b);
    assert_int_equal(test_wait_count(&a.registered, 1, WAIT_MS), 1);
    assert_ptr_equal(a.last_subject, rb);
    assert_int_equal(a.last_protocol, 13);
    assert_int_equal(a.last_instance, 1);
    assert_ptr_equal(a.callback_reg, ra);
    assert_int_equal(a.api_status, NO_ERROR);

    rc = test_register(EVT_INSTANCE + 1, AF_INET, 14, 2, FALSE);
    assert_int_equal(test_wait_count(&a.registered, 2, WAIT_MS), 2);
    assert_int_equal(test_wait_count(&b.registered, 1, WAIT_MS), 1);
    assert_ptr_equal(b.last_subject, rc);
    assert_int_equal(b.last_protocol, 14);
    assert_int_equal(b.last_instance, 2);

    assert_int_equal(RtmDeregisterEntity(rc), NO_ERROR);
    assert_int_equal(test_wait_count(&a.deregistered, 1, WAIT_MS), 1);
    assert_int_equal(test_wait_count(&b.deregistered, 1, WAIT_MS), 1);
    assert_ptr_equal(a.last_subject, rc);
    assert_int_equal(a.last_protocol, 14);
    /* The deregistered entity is still described during the callback. */
    assert_int_equal(a.api_status, NO_ERROR);

    assert_int_equal(RtmDeregisterEntity(rb), NO_ERROR);
    assert_int_equal(test_wait_count(&a.deregistered, 2, WAIT_MS), 2);
    assert_int_equal(RtmDeregisterEntity(ra), NO_ERROR);
    /* Nobody told an entity about itself, and nothing else arrived. */
    assert_int_equal(test_counter_get(&a.registered), 2);
    assert_int_equal(test_counter_get(&b.registered), 1);
    assert_int_equal(test_counter_get(&b.deregistered), 1);
    assert_int_equal(a.other + b.other, 0);
    forget_listeners();
}

/* Entities of other instances and families hear nothing. */
static void events_stay_in_their_table(void **state)
{
    struct listener a;
    RTM_ENTITY_HANDLE ra, other_instance, other_family, same;
    (void)state;

    memset(&a, 0, sizeof a);
    ra = register_listener(EVT_INSTANCE + 2, 8, &a);
    other_instance = test_register(EVT_INSTANCE + 3, AF_INET, 13, 1, FALSE);
    other_family = test_register(EVT_INSTANCE + 2, AF_INET6, 13, 1, FALSE);
    same = test_register(EVT_INSTANCE + 2, AF_INET, 13, 1, FALSE);
    assert_int_equal(test_wait_count(&a.registered, 1, WAIT_MS), 1);
    assert_ptr_equal(a.last_subject, same);
    test_sleep_ms(20);
    assert_int_equal(test_counter_get(&a.registered), 1);
    assert_int_equal(RtmDeregisterEntity(other_instance), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(other_family), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(same), NO_ERROR);
    assert_int_equal(test_wait_count(&a.deregistered, 1, WAIT_MS), 1);
    test_sleep_ms(20);
    assert_int_equal(test_counter_get(&a.deregistered), 1);
    assert_int_equal(RtmDeregisterEntity(ra), NO_ERROR);
    forget_listeners();
}

/* After an entity deregisters, it receives nothing more. */
static void no_events_after_deregistration(void **state)
{
    struct listener a;
    RTM_ENTITY_HANDLE ra, rb;
    (void)state;

    memset(&a, 0, sizeof a);
    ra = register_listener(EVT_INSTANCE + 4, 8, &a);
    assert_int_equal(RtmDeregisterEntity(ra), NO_ERROR);
    rb = test_register(EVT_INSTANCE + 4, AF_INET, 13, 1, FALSE);
    assert_int_equal(RtmDeregisterEntity(rb), NO_ERROR);
    test_sleep_ms(30);
    assert_int_equal(test_counter_get(&a.entered), 0);
    forget_listeners();
}

struct deregistration {
    RTM_ENTITY_HANDLE reg;
    DWORD status;
    int done;
};

static void deregister_thread(void *p)
{
    struct deregistration *d = p;
    d->status = RtmDeregisterEntity(d->reg);
    test_counter_add(&d->done, 1);
}

/* RtmDeregisterEntity returns only once the entity's running callback has
 * returned. */
static void deregistration_waits_for_a_running_callback(void **state)
{
    struct listener a;
    struct deregistration d;
    RTM_ENTITY_HANDLE rb;
    test_thread thread;
    (void)state;

    memset(&a, 0, sizeof a);
    memset(&d, 0, sizeof d);
    a.block = 1;
    d.reg = register_listener(EVT_INSTANCE + 5, 8, &a);
    rb = test_register(EVT_INSTANCE + 5, AF_INET, 13, 1, FALSE);
    assert_int_equal(test_wait_count(&a.entered, 1, WAIT_MS), 1);

    test_thread_start(&thread, deregister_thread, &d);
    test_sleep_ms(50);
    assert_int_equal(test_counter_get(&d.done), 0);
    assert_int_equal(test_counter_get(&a.registered), 0);
    test_counter_set(&a.block, 0);
    test_thread_join(thread);
    assert_int_equal(d.status, NO_ERROR);
    /* The callback finished before deregistration returned. */
    assert_int_equal(test_counter_get(&a.registered), 1);
    assert_int_equal(RtmDeregisterEntity(rb), NO_ERROR);
    forget_listeners();
}

/* A callback may deregister its own entity: no deadlock, NO_ERROR, and the
 * handle is refused afterwards. */
static void callback_deregisters_its_own_entity(void **state)
{
    struct listener a;
    RTM_ENTITY_HANDLE ra, rb;
    RTM_ENTITY_INFO info;
    (void)state;

    memset(&a, 0, sizeof a);
    a.deregister_self = 1;
    ra = register_listener(EVT_INSTANCE + 6, 8, &a);
    rb = test_register(EVT_INSTANCE + 6, AF_INET, 13, 1, FALSE);
    assert_int_equal(test_wait_count(&a.registered, 1, WAIT_MS), 1);
    assert_int_equal(a.self_status, NO_ERROR);
    assert_int_equal(RtmGetEntityInfo(ra, rb, &info), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmDeregisterEntity(ra), ERROR_INVALID_HANDLE);
    assert_int_equal(test_entity_count(rb), 1);
    assert_int_equal(RtmDeregisterEntity(rb), NO_ERROR);
    forget_listeners();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(registration_events_reach_the_others),
        cmocka_unit_test(events_stay_in_their_table),
        cmocka_unit_test(no_events_after_deregistration),
        cmocka_unit_test(deregistration_waits_for_a_running_callback),
        cmocka_unit_test(callback_deregisters_its_own_entity),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
