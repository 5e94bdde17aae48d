/*
 * test_debug.c - the RTM_DEBUG diagnostics, seen from a client: a small
 * protocol scenario (two entities, next hops, routes, a change
 * notification, locks, look-ups, handles leaked on purpose) run with the
 * environment ctest gives it (tests/unit/CMakeLists.txt):
 *
 *   RTM_DEBUG=all,bogus RTM_DEBUG_FILE=<file>  the file must hold the
 *       expected lines: every export traced with its arguments and return
 *       code, client references given and released, locks, queued
 *       changes and event callbacks, the leak report of each entity, a
 *       warning about the unknown channel - each line with a timestamp and
 *       a thread id;
 *   RTM_DEBUG= RTM_DEBUG_FILE=<file>           nothing is written;
 *   RTM_DEBUG=api (no file)                    the lines go to stderr
 *       (ctest matches them).
 *
 * RTM_DEBUG is read when the library is loaded, so each setting is a run
 * of its own. The scenario uses the public API only; the expected handle
 * values are the ones the calls returned.
 */
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "rtm_diag.h"
#include "rtm_test.h"

#define INSTANCE 4601

static int events[4]; /* per RTM_EVENT_TYPE, received by entity A */

static DWORD WINAPI callback(RTM_ENTITY_HANDLE reg, RTM_EVENT_TYPE type, PVOID c1, PVOID c2)
{
    (void)reg;
    (void)c1;
    (void)c2;
    if ((unsigned)type < 4)
        test_counter_add(&events[type], 1);
    return NO_ERROR;
}

/* What the scenario did, for the expected lines. */
struct scenario {
    RTM_ENTITY_HANDLE a, b, c;     /* A (callback), B (leaks a dest and A), C (cleans up) */
    RTM_NEXTHOP_HANDLE nh;
    RTM_ROUTE_HANDLE route;        /* A's route to 10.7.0.0/16, leaked by A */
    RTM_DEST_HANDLE dest;          /* its destination, leaked by B */
    RTM_NOTIFY_HANDLE notify;
};

static void run_scenario(struct scenario *s)
{
    RTM_DEST_INFO *info = test_dest_info();
    RTM_NET_ADDRESS missing = test_ipv4(10, 99, 0, 0, 16), prefix = test_ipv4(10, 7, 0, 0, 16);
    RTM_ROUTE_HANDLE second, best;
    RTM_ENTITY_HANDLE owner;
    RTM_DIAG_OBJECT_COUNTS counts;

    memset(s, 0, sizeof *s);
    s->c = test_register(INSTANCE, AF_INET, 1, 1, FALSE);
    s->a = test_register_with(INSTANCE, AF_INET, 8, 1, NULL, callback, FALSE, NULL);
    s->b = test_register(INSTANCE, AF_INET, 9, 1, FALSE);
    assert_int_equal(test_wait_count(&events[RTM_ENTITY_REGISTERED], 1, 5000), 1);

    s->nh = test_add_nexthop(s->a, test_ipv4(192, 168, 7, 1, 32), 3);
    s->route = test_add_route(s->a, prefix, s->nh, 10, 1, NULL);
    assert_int_equal(RtmRegisterForChangeNotification(s->a, RTM_VIEW_MASK_UCAST,
                                                      RTM_CHANGE_TYPE_ALL, NULL, &s->notify),
                     NO_ERROR);
    second = test_add_route(s->a, test_ipv4(10, 8, 0, 0, 16), s->nh, 10, 1, NULL);
    assert_int_equal(test_wait_count(&events[RTM_CHANGE_NOTIFICATION], 1, 5000), 1);
    assert_int_equal(RtmReleaseRoutes(s->a, 1, &second), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(s->a, 1, &s->nh), NO_ERROR);

    /* B looks the prefix up, locks its destination, and keeps the
     * destination and owner handles. */
    assert_int_equal(RtmGetExactMatchDestination(s->b, &missing, RTM_BEST_PROTOCOL,
                                                 RTM_VIEW_MASK_UCAST, info),
                     ERROR_NOT_FOUND);
    assert_int_equal(RtmGetExactMatchDestination(s->b, &prefix, RTM_BEST_PROTOCOL,
                                                 RTM_VIEW_MASK_UCAST, info),
                     NO_ERROR);
    s->dest = info->DestHandle;
    best = info->ViewInfo[0].Route;
    owner = info->ViewInfo[0].Owner;
    assert_ptr_equal(best, s->route);
    assert_ptr_equal(owner, s->a);
    assert_int_equal(RtmReleaseRoutes(s->b, 1, &best), NO_ERROR);
    assert_int_equal(RtmLockDestination(s->b, s->dest, TRUE, TRUE), NO_ERROR);
    assert_int_equal(RtmLockDestination(s->b, s->dest, TRUE, FALSE), NO_ERROR);
    assert_int_equal(RtmLockDestination(s->b, s->dest, FALSE, FALSE), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmDeregisterEntity(s->b), NO_ERROR);

    /* A deregisters still holding its route's handle; C releases what the
     * others left. */
    assert_int_equal(RtmDeregisterEntity(s->a), NO_ERROR);
    assert_int_equal(test_release_dest_handle(s->c, s->dest, FALSE), NO_ERROR);
    assert_int_equal(RtmReleaseEntities(s->c, 1, &owner), NO_ERROR);
    assert_int_equal(RtmReleaseRoutes(s->c, 1, &s->route), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(s->c), NO_ERROR);

    /* Everything is freed, once the events in flight (which reference
     * the entities) have run. */
    for (int waited = 0; waited <= 5000; waited++) {
        memset(&counts, 0, sizeof counts);
        counts.Size = sizeof counts;
        assert_int_equal(RtmDiagGetObjectCounts(&counts), NO_ERROR);
        if (counts.Total == 0)
            break;
        test_sleep_ms(1);
    }
    assert_int_equal(counts.Total, 0);
    test_free(info);
}

/* ---- reading the output ----------------------------------------------------------- */

struct line {
    unsigned long tid;
    char channel[16];
    const char *text;              /* after "<channel>: " */
};

struct output {
    char *data;
    struct line lines[2048];
    size_t count;
};

/* Skips the characters of set at *p, at least min and at most max;
 * returns 0 when there are fewer than min. */
static int skip_set(const char **p, const char *set, size_t min, size_t max)
{
    size_t n = strspn(*p, set);

    if (n < min)
        return 0;
    *p += n < max ? n : max;
    return 1;
}

static int skip_text(const char **p, const char *text)
{
    if (strncmp(*p, text, strlen(text)))
        return 0;
    *p += strlen(text);
    return 1;
}

/* Parses "rtm: <s>.<ms> [<tid>] <channel>: <text>" (ms: three digits);
 * fails on any other line. */
static void parse_line(const char *raw, struct line *out)
{
    static const char digits[] = "0123456789";
    const char *p = raw, *tid = NULL, *channel = NULL;
    size_t n;

    if (!skip_text(&p, "rtm: ") || !skip_set(&p, digits, 1, 32) || !skip_text(&p, ".") ||
        !skip_set(&p, digits, 3, 3) || !skip_text(&p, " [") || !(tid = p, skip_set(&p, digits, 1, 12)) ||
        !skip_text(&p, "] ") || !(channel = p, skip_set(&p, "abcdefghijklmnopqrstuvwxyz", 1, 15)) ||
        !skip_text(&p, ": "))
        fail_msg("malformed line: %s", raw);
    out->tid = strtoul(tid, NULL, 10);
    n = strcspn(channel, ":");
    memcpy(out->channel, channel, n);
    out->channel[n] = '\0';
    out->text = p;
}

static void read_output(const char *path, struct output *o)
{
    FILE *f = fopen(path, "rb");
    long size;
    char *p;

    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    size = ftell(f);
    assert_true(size > 0);
    rewind(f);
    o->data = test_malloc((size_t)size + 1);
    assert_int_equal(fread(o->data, 1, (size_t)size, f), (size_t)size);
    o->data[size] = '\0';
    fclose(f);
    o->count = 0;
    for (p = o->data; *p;) {
        char *end = strchr(p, '\n');
        assert_non_null(end);
        *end = '\0';
        if (end > p && end[-1] == '\r')
            end[-1] = '\0';
        assert_true(o->count < sizeof o->lines / sizeof o->lines[0]);
        parse_line(p, &o->lines[o->count++]);
        p = end + 1;
    }
}

/* The index of the first line at or after from on channel whose text is
 * exactly text (or contains it, when part is set); fails when there is
 * none. */
static size_t find_line(const struct output *o, size_t from, const char *channel, int part,
                        const char *text)
{
    for (size_t i = from; i < o->count; i++)
        if (!strcmp(o->lines[i].channel, channel) &&
            (part ? strstr(o->lines[i].text, text) != NULL : !strcmp(o->lines[i].text, text)))
            return i;
    fail_msg("no line \"%s: %s%s\" after line %u", channel, part ? "..." : "", text,
             (unsigned)from);
    return 0;
}

static size_t find(const struct output *o, size_t from, const char *channel, const char *text)
{
    return find_line(o, from, channel, 0, text);
}

/* find_line() with a printf-formatted text. */
static size_t vfind(const struct output *o, size_t from, const char *channel, int part,
                    const char *fmt, va_list ap)
{
    char text[512];

    vsnprintf(text, sizeof text, fmt, ap);
    return find_line(o, from, channel, part, text);
}

static size_t findf(const struct output *o, size_t from, const char *channel, const char *fmt, ...)
{
    va_list ap;
    size_t i;

    va_start(ap, fmt);
    i = vfind(o, from, channel, 0, fmt, ap);
    va_end(ap);
    return i;
}

static size_t findf_part(const struct output *o, size_t from, const char *channel,
                         const char *fmt, ...)
{
    va_list ap;
    size_t i;

    va_start(ap, fmt);
    i = vfind(o, from, channel, 1, fmt, ap);
    va_end(ap);
    return i;
}

#define H(h) ((uint64_t)(uintptr_t)(h))

static void check_output(const struct output *o, const struct scenario *s)
{
    size_t i, reg_a, leak_b, leak_a;

    /* The unknown channel is reported first. */
    assert_string_equal(o->lines[0].channel, "debug");
    assert_string_equal(o->lines[0].text, "RTM_DEBUG: unknown channel(s) bogus (known: api, "
                                          "handles, locks, notify, leaks, all)");

    /* api: arguments, then the return code; failures too. */
    reg_a = find(o, 0, "api", "RtmRegisterEntity(instance 4601, family 2, protocol 8.1, methods 0, "
                              "callback yes, opaque 0)");
    find(o, reg_a + 1, "api", "RtmRegisterEntity -> NO_ERROR");
    i = findf(o, 0, "api", "RtmAddNextHop(reg 0x%" PRIx64 ", 192.168.7.1/32, interface 3, handle 0)",
              H(s->a));
    findf(o, i, "handles", "give next hop 0x%" PRIx64 " to entity 0x%" PRIx64, H(s->nh), H(s->a));
    find(o, i, "api", "RtmAddNextHop -> NO_ERROR");
    i = findf(o, 0, "api", "RtmGetExactMatchDestination(reg 0x%" PRIx64 ", 10.99.0.0/16, protocol 0, "
              "views 0x1)", H(s->b));
    find(o, i + 1, "api", "RtmGetExactMatchDestination -> ERROR_NOT_FOUND");
    i = findf(o, i + 1, "api", "RtmGetExactMatchDestination(reg 0x%" PRIx64 ", 10.7.0.0/16, "
              "protocol 0, views 0x1)", H(s->b));
    findf(o, i, "handles", "give dest 0x%" PRIx64 " to entity 0x%" PRIx64, H(s->dest), H(s->b));
    findf(o, i, "handles", "give route 0x%" PRIx64 " to entity 0x%" PRIx64, H(s->route), H(s->b));
    i = findf(o, i, "api", "RtmReleaseRoutes(reg 0x%" PRIx64 ", 1 routes)", H(s->b));
    findf(o, i, "handles", "release route 0x%" PRIx64 " by entity 0x%" PRIx64, H(s->route), H(s->b));
    findf(o, 0, "api", "RtmDiagGetObjectCounts -> NO_ERROR");

    /* locks */
    i = findf(o, 0, "locks", "entity 0x%" PRIx64 " locked dest 0x%" PRIx64 " (10.7.0.0/16) exclusive",
              H(s->b), H(s->dest));
    i = findf(o, i, "locks", "entity 0x%" PRIx64 " unlocked dest 0x%" PRIx64 " (10.7.0.0/16) "
              "exclusive", H(s->b), H(s->dest));
    findf(o, i, "locks", "entity 0x%" PRIx64 ": unlock dest 0x%" PRIx64 " (10.7.0.0/16) shared "
          "refused: ERROR_INVALID_PARAMETER", H(s->b), H(s->dest));

    /* notify: the queued change and the event callbacks, on a worker. */
    findf_part(o, 0, "notify", " (10.8.0.0/16) changed: queued for notification 0x%" PRIx64
               " of entity 0x%" PRIx64 ", event posted", H(s->notify), H(s->a));
    i = findf(o, 0, "notify", "entity 0x%" PRIx64 ": RTM_CHANGE_NOTIFICATION (context1 0x%" PRIx64
              ", context2 0) -> NO_ERROR", H(s->a), H(s->notify));
    assert_true(o->lines[i].tid != o->lines[reg_a].tid);
    findf_part(o, 0, "notify", "entity 0x%" PRIx64 ": RTM_ENTITY_REGISTERED (context1 0x%" PRIx64
               ", context2 0x", H(s->a), H(s->b));

    /* leaks: B kept the destination and A's handle; A its route, whose
     * next-hop references the route still holds. */
    leak_b = findf(o, 0, "leaks", "entity 0x%" PRIx64 " (protocol 9, instance 1) deregistered "
                   "holding 2 handles (2 references):", H(s->b));
    findf(o, leak_b + 1, "leaks", "  entity 0x%" PRIx64 " x1: protocol 8, instance 1", H(s->a));
    findf(o, leak_b + 2, "leaks", "  dest 0x%" PRIx64 " x1: 10.7.0.0/16", H(s->dest));
    leak_a = findf(o, leak_b, "leaks", "entity 0x%" PRIx64 " (protocol 8, instance 1) deregistered "
                   "holding 2 handles (3 references):", H(s->a));
    findf(o, leak_a + 1, "leaks", "  route 0x%" PRIx64 " x1: 10.7.0.0/16, owner 0x%" PRIx64,
          H(s->route), H(s->a));
    findf(o, leak_a + 2, "leaks", "  next hop 0x%" PRIx64 " x2: 192.168.7.1/32, interface 3",
          H(s->nh));
    findf(o, leak_a, "leaks", "entity 0x%" PRIx64 " (protocol 1, instance 1) deregistered holding "
          "no handles", H(s->c));
}

static void test_debug_output(void **state)
{
    const char *channels = getenv("RTM_DEBUG");
    const char *path = getenv("RTM_DEBUG_FILE");
    struct scenario s;
    struct output *o;

    (void)state;
    run_scenario(&s);
    if (!path || !path[0])
        return; /* stderr: ctest checks it */
    if (!channels || !channels[0]) {
        FILE *f = fopen(path, "rb");
        if (f)
            fclose(f);
        assert_null(f); /* nothing written, not even an empty file */
        return;
    }
    o = test_malloc(sizeof *o);
    read_output(path, o);
    check_output(o, &s);
    test_free(o->data);
    test_free(o);
}

int main(void)
{
    const char *path = getenv("RTM_DEBUG_FILE");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_debug_output),
    };

    if (path && path[0] && !(getenv("RTM_DEBUG") && getenv("RTM_DEBUG")[0]))
        remove(path); /* a file left by an earlier run */
    return cmocka_run_group_tests(tests, NULL, NULL);
}
