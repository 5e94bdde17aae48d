/*
 * test_methods.c - entity methods: RtmGetEntityMethods, RtmInvokeMethod,
 * RtmBlockMethods, and the methods given to RtmRegisterEntity
 * (spec/rras/using-methods.md and the function pages).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "rtm_test.h"

#define PROTO_A 21
#define PROTO_B 22
#define PROTO_C 23

#define HEADER offsetof(RTM_ENTITY_METHOD_OUTPUT, OutputData)
#define FORGED ((RTM_ENTITY_HANDLE)(uintptr_t)0x777)
#define NO_STATUS 0xFFFFFFFFu
/* Bound of every wait for another thread (never reached when all is well),
 * and how long a thread that must be waiting is watched. */
#define WAIT_MS 10000
#define STILL_MS 100

/* ---- four recording methods --------------------------------------------- */

/* What the recording methods saw, in the order they ran. */
static struct {
    int calls;
    int order[8];                     /* index of the method of each call */
    RTM_ENTITY_HANDLE caller, callee; /* of the last call */
    PRTM_ENTITY_METHOD_INPUT input;
    RTM_ENTITY_METHOD_TYPE type[4];   /* MethodType, OutputSize and */
    UINT room[4];                     /* MethodStatus each method found */
    DWORD status[4];
} rec;

static void record(int index, RTM_ENTITY_HANDLE caller, RTM_ENTITY_HANDLE callee,
                   RTM_ENTITY_METHOD_INPUT *input, RTM_ENTITY_METHOD_OUTPUT *output)
{
    if (rec.calls < 8)
        rec.order[rec.calls] = index;
    rec.calls++;
    rec.caller = caller;
    rec.callee = callee;
    rec.input = input;
    rec.type[index] = output->MethodType;
    rec.room[index] = output->OutputSize;
    rec.status[index] = output->MethodStatus;
}

/* Method 0 (bit 0): a DWORD 0xA0A0A0A0 when there is room for it, else no
 * data and status ERROR_INSUFFICIENT_BUFFER. */
static VOID WINAPI method_dword(RTM_ENTITY_HANDLE caller, RTM_ENTITY_HANDLE callee,
                                RTM_ENTITY_METHOD_INPUT *input, RTM_ENTITY_METHOD_OUTPUT *output)
{
    record(0, caller, callee, input, output);
    if (output->OutputSize >= sizeof(DWORD)) {
        DWORD v = 0xA0A0A0A0;
        memcpy(output->OutputData, &v, sizeof v);
        output->OutputSize = sizeof v;
    } else {
        output->OutputSize = 0;
        output->MethodStatus = ERROR_INSUFFICIENT_BUFFER;
    }
}

/* Method 1 (bit 1): one byte 0xB1 (when there is room) and status 1234. */
static VOID WINAPI method_byte(RTM_ENTITY_HANDLE caller, RTM_ENTITY_HANDLE callee,
                               RTM_ENTITY_METHOD_INPUT *input, RTM_ENTITY_METHOD_OUTPUT *output)
{
    record(1, caller, callee, input, output);
    output->OutputSize = output->OutputSize ? 1 : 0;
    if (output->OutputSize)
        output->OutputData[0] = 0xB1;
    output->MethodStatus = 1234;
}

/* Method 2 (bit 2): leaves OutputSize as it is: uses all the room. */
static VOID WINAPI method_all(RTM_ENTITY_HANDLE caller, RTM_ENTITY_HANDLE callee,
                              RTM_ENTITY_METHOD_INPUT *input, RTM_ENTITY_METHOD_OUTPUT *output)
{
    record(2, caller, callee, input, output);
}

/* Method 3 (bit 3): claims more data than the room. */
static VOID WINAPI method_overclaim(RTM_ENTITY_HANDLE caller, RTM_ENTITY_HANDLE callee,
                                   RTM_ENTITY_METHOD_INPUT *input,
                                   RTM_ENTITY_METHOD_OUTPUT *output)
{
    record(3, caller, callee, input, output);
    output->OutputSize = 0xFFFFFFFF;
}

struct four_methods {
    UINT NumMethods;
    RTM_ENTITY_EXPORT_METHOD Methods[4];
};

static struct four_methods four = {
    4, { method_dword, method_byte, method_all, method_overclaim }
};

static void rec_reset(void)
{
    memset(&rec, 0, sizeof rec);
}

/* A method input selecting mask, without data. */
static RTM_ENTITY_METHOD_INPUT input_of(RTM_ENTITY_METHOD_TYPE mask)
{
    RTM_ENTITY_METHOD_INPUT in;
    memset(&in, 0, sizeof in);
    in.MethodType = mask;
    return in;
}

/* The output entry at byte offset off of an output buffer. */
static RTM_ENTITY_METHOD_OUTPUT *entry_at(void *buffer, size_t off)
{
    return (RTM_ENTITY_METHOD_OUTPUT *)((UCHAR *)buffer + off);
}

/* An output buffer: DWORD-aligned, and filled with 0xEE. */
union out_buffer {
    RTM_ENTITY_METHOD_OUTPUT first;
    UCHAR bytes[128];
};

static void out_reset(union out_buffer *b)
{
    memset(b, 0xEE, sizeof *b);
}

/* A handle to an entity with a client reference of its own, from
 * RtmGetRegisteredEntities (so that it stays valid after deregistration);
 * release it with RtmReleaseEntities. */
static RTM_ENTITY_HANDLE referenced_entity(RTM_ENTITY_HANDLE reg, RTM_ENTITY_HANDLE entity)
{
    RTM_ENTITY_HANDLE handles[8];
    UINT n = 8;
    RTM_ENTITY_HANDLE found = NULL;

    assert_int_equal(RtmGetRegisteredEntities(reg, &n, handles, NULL), NO_ERROR);
    for (UINT i = 0; i < n; i++) {
        if (handles[i] == entity)
            found = handles[i];
        else
            assert_int_equal(RtmReleaseEntities(reg, 1, &handles[i]), NO_ERROR);
    }
    assert_non_null(found);
    return found;
}

/* ---- the sample: obtain and call the exported methods for a client ------ */

#define SAMPLE_TEXT "Hello world from the exported method!"

/* Like the sample's: echoes the input into a status DWORD. */
static int sample_calls;

static VOID WINAPI sample_method(RTM_ENTITY_HANDLE caller, RTM_ENTITY_HANDLE callee,
                                 RTM_ENTITY_METHOD_INPUT *input, RTM_ENTITY_METHOD_OUTPUT *output)
{
    DWORD status = ERROR_INVALID_DATA;

    (void)caller;
    (void)callee;
    sample_calls++;
    if (input && input->InputSize == sizeof SAMPLE_TEXT &&
        memcmp(input->InputData, SAMPLE_TEXT, sizeof SAMPLE_TEXT) == 0)
        status = ERROR_SUCCESS;
    memcpy(output->OutputData, &status, sizeof status);
}

static void test_sample_obtain_and_call(void **state)
{
    RTM_ENTITY_EXPORT_METHODS methods;
    RTM_ENTITY_HANDLE self, other;
    PRTM_ENTITY_EXPORT_METHOD exported;
    PRTM_ENTITY_METHOD_INPUT input;
    PRTM_ENTITY_METHOD_OUTPUT output;
    UINT num_methods = 0, input_size = sizeof SAMPLE_TEXT;
    UINT output_size = (UINT)(HEADER + sizeof(DWORD));
    DWORD result;
    (void)state;

    /* Register a client exporting one method. */
    methods.NumMethods = 1;
    methods.Methods[0] = sample_method;
    self = test_register_with(4100, AF_INET, PROTO_A, 1, &methods, NULL, FALSE, NULL);

    /* With NumMethods = 0: how many methods the client exports. */
    other = self;
    assert_int_equal(RtmGetEntityMethods(self, other, &num_methods, NULL), NO_ERROR);
    assert_int_equal(num_methods, 1);

    exported = test_calloc(num_methods, sizeof *exported);
    assert_int_equal(RtmGetEntityMethods(self, other, &num_methods, exported), NO_ERROR);
    assert_int_equal(num_methods, 1);
    assert_true(exported[0] == sample_method);

    /* Call them through RtmInvokeMethod, with room for a DWORD. */
    input = test_calloc(1, offsetof(RTM_ENTITY_METHOD_INPUT, InputData) + input_size);
    input->MethodType = METHOD_TYPE_ALL_METHODS;
    input->InputSize = input_size;
    memcpy(input->InputData, SAMPLE_TEXT, input_size);
    output = test_calloc(1, output_size);
    sample_calls = 0;
    assert_int_equal(RtmInvokeMethod(self, other, input, &output_size, output), NO_ERROR);
    assert_int_equal(sample_calls, 1);
    assert_int_equal(output_size, HEADER + sizeof(DWORD));
    assert_int_equal(output->MethodType, 1);
    assert_int_equal(output->MethodStatus, NO_ERROR);
    assert_int_equal(output->OutputSize, sizeof(DWORD));
    memcpy(&result, output->OutputData, sizeof result);
    assert_int_equal(result, ERROR_SUCCESS);

    /* Without the input it expects, the method says so. */
    input->InputSize = 1;
    assert_int_equal(RtmInvokeMethod(self, other, input, &output_size, output), NO_ERROR);
    memcpy(&result, output->OutputData, sizeof result);
    assert_int_equal(result, ERROR_INVALID_DATA);

    test_free(exported);
    test_free(output);
    test_free(input);
    assert_int_equal(RtmDeregisterEntity(self), NO_ERROR);
}

/* ---- RtmRegisterEntity: the methods it keeps ------------------------------ */

static void test_register_method_count(void **state)
{
    struct {
        UINT NumMethods;
        RTM_ENTITY_EXPORT_METHOD Methods[33];
    } many;
    RTM_ENTITY_INFO info;
    RTM_REGN_PROFILE profile;
    RTM_ENTITY_HANDLE h = FORGED, reg;
    RTM_ENTITY_EXPORT_METHOD got[33];
    RTM_ENTITY_METHOD_INPUT in;
    union out_buffer out;
    UINT n, size;
    (void)state;

    many.NumMethods = 33;
    for (int i = 0; i < 33; i++)
        many.Methods[i] = method_dword;
    many.Methods[31] = method_byte;
    memset(&info, 0, sizeof info);
    info.RtmInstanceId = 4101;
    info.AddressFamily = AF_INET;
    info.EntityId.EntityProtocolId = PROTO_A;

    /* 33 methods are one too many. */
    assert_int_equal(RtmRegisterEntity(&info, (PRTM_ENTITY_EXPORT_METHODS)&many, NULL, FALSE,
                                       &profile, &h),
                     ERROR_INVALID_DATA);
    assert_ptr_equal(h, FORGED);

    /* 32 are fine; method i is bit i, up to bit 31. */
    many.NumMethods = 32;
    reg = test_register_with(4101, AF_INET, PROTO_A, 0, (PRTM_ENTITY_EXPORT_METHODS)&many, NULL, FALSE, NULL);
    n = 33;
    memset(got, 0, sizeof got);
    assert_int_equal(RtmGetEntityMethods(reg, reg, &n, got), NO_ERROR);
    assert_int_equal(n, 32);
    assert_true(got[0] == method_dword);
    assert_true(got[31] == method_byte);
    assert_null(got[32]);

    /* The copy is the library's: changing the caller's list changes nothing. */
    many.Methods[0] = method_all;
    rec_reset();
    in = input_of(0x80000001u);
    size = sizeof out;
    out_reset(&out);
    assert_int_equal(RtmInvokeMethod(reg, reg, &in, &size, &out.first), NO_ERROR);
    assert_int_equal(rec.calls, 2);
    assert_int_equal(rec.order[0], 0);
    assert_int_equal(rec.order[1], 1);
    assert_int_equal(size, HEADER + 4 + HEADER + 1);
    assert_int_equal(out.first.MethodType, 1);
    assert_int_equal(entry_at(&out, HEADER + 4)->MethodType, 0x80000000u);
    assert_int_equal(RtmDeregisterEntity(reg), NO_ERROR);
}

/* ---- RtmGetEntityMethods --------------------------------------------------- */

static void test_get_entity_methods(void **state)
{
    RTM_ENTITY_HANDLE a = test_register_with(4102, AF_INET, PROTO_A, 0, (PRTM_ENTITY_EXPORT_METHODS)&four, NULL, FALSE, NULL);
    RTM_ENTITY_HANDLE none = test_register(4102, AF_INET, PROTO_B, 0, FALSE);
    RTM_ENTITY_EXPORT_METHODS empty_list = { 0, { NULL } };
    RTM_ENTITY_HANDLE empty = test_register_with(4102, AF_INET, PROTO_C, 0, &empty_list, NULL, FALSE, NULL);
    RTM_ENTITY_HANDLE other = test_register_with(4103, AF_INET, PROTO_A, 0, (PRTM_ENTITY_EXPORT_METHODS)&four, NULL, FALSE, NULL);
    RTM_ENTITY_HANDLE gone = test_register_with(4102, AF_INET, PROTO_A, 9, (PRTM_ENTITY_EXPORT_METHODS)&four, NULL, FALSE, NULL);
    RTM_ENTITY_HANDLE gone_ref = referenced_entity(a, gone);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(a, test_ipv4(10, 0, 0, 1, 32), 1);
    RTM_ENTITY_EXPORT_METHOD got[6];
    UINT n;
    (void)state;

    assert_int_equal(RtmDeregisterEntity(gone), NO_ERROR);

    /* Count query. */
    n = 0;
    assert_int_equal(RtmGetEntityMethods(a, a, &n, NULL), NO_ERROR);
    assert_int_equal(n, 4);
    n = 0;
    assert_int_equal(RtmGetEntityMethods(none, a, &n, got), NO_ERROR);
    assert_int_equal(n, 4);

    /* Room for all, or more. */
    memset(got, 0, sizeof got);
    n = 4;
    assert_int_equal(RtmGetEntityMethods(none, a, &n, got), NO_ERROR);
    assert_int_equal(n, 4);
    for (int i = 0; i < 4; i++)
        assert_true(got[i] == four.Methods[i]);
    memset(got, 0, sizeof got);
    n = 6;
    assert_int_equal(RtmGetEntityMethods(a, a, &n, got), NO_ERROR);
    assert_int_equal(n, 4);
    assert_true(got[3] == method_overclaim);
    assert_null(got[4]);

    /* Too small: the first ones, and how many fit. */
    memset(got, 0, sizeof got);
    n = 3;
    assert_int_equal(RtmGetEntityMethods(a, a, &n, got), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(n, 3);
    assert_true(got[0] == method_dword);
    assert_true(got[2] == method_all);
    assert_null(got[3]);
    n = 1;
    assert_int_equal(RtmGetEntityMethods(a, a, &n, got), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(n, 1);

    /* Entities that export none. */
    n = 0;
    assert_int_equal(RtmGetEntityMethods(a, none, &n, NULL), NO_ERROR);
    assert_int_equal(n, 0);
    n = 2;
    got[0] = NULL;
    assert_int_equal(RtmGetEntityMethods(a, none, &n, got), NO_ERROR);
    assert_int_equal(n, 0);
    assert_null(got[0]);
    n = 2;
    assert_int_equal(RtmGetEntityMethods(a, empty, &n, got), NO_ERROR);
    assert_int_equal(n, 0);

    /* Bad parameters. */
    assert_int_equal(RtmGetEntityMethods(a, a, NULL, got), ERROR_INVALID_PARAMETER);
    n = 4;
    assert_int_equal(RtmGetEntityMethods(a, a, &n, NULL), ERROR_INVALID_PARAMETER);
    assert_int_equal(n, 4);

    /* Bad handles: nothing is written. */
    static const RTM_ENTITY_HANDLE bad_regs[] = { NULL, FORGED };
    for (size_t i = 0; i < 2; i++) {
        n = 4;
        got[0] = NULL;
        assert_int_equal(RtmGetEntityMethods(bad_regs[i], a, &n, got), ERROR_INVALID_HANDLE);
        assert_int_equal(RtmGetEntityMethods(a, bad_regs[i], &n, got), ERROR_INVALID_HANDLE);
        assert_int_equal(n, 4);
        assert_null(got[0]);
    }
    n = 4;
    assert_int_equal(RtmGetEntityMethods(gone, a, &n, got), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetEntityMethods(gone_ref, a, &n, got), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetEntityMethods(a, (RTM_ENTITY_HANDLE)nh, &n, got), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetEntityMethods(a, other, &n, got), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmGetEntityMethods(other, a, &n, got), ERROR_INVALID_HANDLE);
    /* A deregistered entity exports nothing any more. */
    assert_int_equal(RtmGetEntityMethods(a, gone_ref, &n, got), ERROR_INVALID_HANDLE);
    assert_int_equal(n, 4);
    assert_null(got[0]);

    assert_int_equal(RtmReleaseEntities(a, 1, &gone_ref), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(a, 1, &nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(none), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(empty), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(other), NO_ERROR);
}

/* ---- RtmInvokeMethod ------------------------------------------------------- */

static void test_invoke_selection(void **state)
{
    RTM_ENTITY_HANDLE a = test_register_with(4104, AF_INET, PROTO_A, 0, (PRTM_ENTITY_EXPORT_METHODS)&four, NULL, FALSE, NULL);
    RTM_ENTITY_HANDLE b = test_register(4104, AF_INET, PROTO_B, 0, FALSE);
    RTM_ENTITY_METHOD_INPUT in;
    union out_buffer out;
    UINT size;
    DWORD v;
    (void)state;

    /* b invokes a's methods 0 and 1: each gets b as caller, a as callee,
     * the caller's input, and its own output entry. */
    rec_reset();
    in = input_of(0x3);
    size = sizeof out;
    out_reset(&out);
    assert_int_equal(RtmInvokeMethod(b, a, &in, &size, &out.first), NO_ERROR);
    assert_int_equal(rec.calls, 2);
    assert_int_equal(rec.order[0], 0);
    assert_int_equal(rec.order[1], 1);
    assert_ptr_equal(rec.caller, b);
    assert_ptr_equal(rec.callee, a);
    assert_ptr_equal(rec.input, &in);
    assert_int_equal(rec.type[0], 1);
    assert_int_equal(rec.status[0], NO_ERROR);
    assert_int_equal(rec.room[0], sizeof out - HEADER);
    assert_int_equal(rec.type[1], 2);
    assert_int_equal(rec.room[1], sizeof out - 2 * HEADER - 4);
    assert_int_equal(size, 2 * HEADER + 4 + 1);
    assert_int_equal(out.first.MethodType, 1);
    assert_int_equal(out.first.MethodStatus, NO_ERROR);
    assert_int_equal(out.first.OutputSize, 4);
    memcpy(&v, out.first.OutputData, sizeof v);
    assert_int_equal(v, 0xA0A0A0A0);
    assert_int_equal(entry_at(&out, HEADER + 4)->MethodType, 2);
    assert_int_equal(entry_at(&out, HEADER + 4)->MethodStatus, 1234);
    assert_int_equal(entry_at(&out, HEADER + 4)->OutputSize, 1);
    assert_int_equal(entry_at(&out, HEADER + 4)->OutputData[0], 0xB1);
    assert_int_equal(out.bytes[2 * HEADER + 5], 0xEE); /* nothing past the end */

    /* Only the selected ones: method 1 alone. */
    rec_reset();
    in = input_of(METHOD_RIP2_OUTBOUND_INTF);
    size = sizeof out;
    assert_int_equal(RtmInvokeMethod(b, a, &in, &size, &out.first), NO_ERROR);
    assert_int_equal(rec.calls, 1);
    assert_int_equal(rec.order[0], 1);
    assert_int_equal(size, HEADER + 1);
    assert_int_equal(out.first.MethodType, 2);

    /* Bits of methods a does not export are ignored. */
    rec_reset();
    in = input_of(0xFFFFFFF0u);
    size = sizeof out;
    out_reset(&out);
    assert_int_equal(RtmInvokeMethod(b, a, &in, &size, &out.first), NO_ERROR);
    assert_int_equal(rec.calls, 0);
    assert_int_equal(size, 0);
    assert_int_equal(out.bytes[0], 0xEE);
    rec_reset();
    in = input_of(0x2 | 0x100);
    size = sizeof out;
    assert_int_equal(RtmInvokeMethod(b, a, &in, &size, &out.first), NO_ERROR);
    assert_int_equal(rec.calls, 1);
    assert_int_equal(size, HEADER + 1);

    /* No method selected. */
    in = input_of(0);
    size = sizeof out;
    assert_int_equal(RtmInvokeMethod(b, a, &in, &size, &out.first), NO_ERROR);
    assert_int_equal(size, 0);

    /* An entity that exports no method: nothing runs, nothing is filled. */
    rec_reset();
    in = input_of(METHOD_TYPE_ALL_METHODS);
    size = sizeof out;
    out_reset(&out);
    assert_int_equal(RtmInvokeMethod(a, b, &in, &size, &out.first), NO_ERROR);
    assert_int_equal(size, 0);
    assert_int_equal(out.bytes[0], 0xEE);
    assert_int_equal(rec.calls, 0);

    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(b), NO_ERROR);
}

static void test_invoke_output_layout(void **state)
{
    RTM_ENTITY_HANDLE a = test_register_with(4105, AF_INET, PROTO_A, 0, (PRTM_ENTITY_EXPORT_METHODS)&four, NULL, FALSE, NULL);
    RTM_ENTITY_METHOD_INPUT in;
    union out_buffer out;
    UINT size;
    (void)state;

    /* Methods 0, 1 and 2 in 64 bytes: 12 + 4 at 0; 12 + 1 at 16, then
     * padding to 32; method 2 takes the 20 bytes left. */
    rec_reset();
    in = input_of(0x7);
    size = 64;
    out_reset(&out);
    assert_int_equal(RtmInvokeMethod(a, a, &in, &size, &out.first), NO_ERROR);
    assert_int_equal(rec.calls, 3);
    assert_int_equal(size, 64);
    assert_int_equal(entry_at(&out, 0)->OutputSize, 4);
    assert_int_equal(entry_at(&out, 16)->MethodType, 2);
    assert_int_equal(entry_at(&out, 16)->OutputSize, 1);
    assert_int_equal(out.bytes[16 + HEADER + 1], 0xEE); /* padding untouched */
    assert_int_equal(entry_at(&out, 32)->MethodType, 4);
    assert_int_equal(entry_at(&out, 32)->MethodStatus, NO_ERROR);
    assert_int_equal(entry_at(&out, 32)->OutputSize, 64 - 32 - HEADER);
    assert_int_equal(rec.room[2], 64 - 32 - HEADER);
    assert_int_equal(out.bytes[64], 0xEE);

    /* An output size claimed beyond the room counts as the room. */
    rec_reset();
    in = input_of(0x9);
    size = 40;
    out_reset(&out);
    assert_int_equal(RtmInvokeMethod(a, a, &in, &size, &out.first), NO_ERROR);
    assert_int_equal(rec.calls, 2);
    assert_int_equal(entry_at(&out, 16)->MethodType, 8);
    assert_int_equal(entry_at(&out, 16)->OutputSize, 40 - 16 - HEADER);
    assert_int_equal(size, 40);

    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
}

static void test_invoke_output_too_small(void **state)
{
    RTM_ENTITY_HANDLE a = test_register_with(4106, AF_INET, PROTO_A, 0, (PRTM_ENTITY_EXPORT_METHODS)&four, NULL, FALSE, NULL);
    RTM_ENTITY_METHOD_INPUT in;
    union out_buffer out;
    UINT size;
    (void)state;

    /* Not even a header: nothing runs. */
    rec_reset();
    in = input_of(0x1);
    size = (UINT)HEADER - 1;
    out_reset(&out);
    assert_int_equal(RtmInvokeMethod(a, a, &in, &size, &out.first), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(size, 0);
    assert_int_equal(rec.calls, 0);
    assert_int_equal(out.bytes[0], 0xEE);
    size = 0;
    assert_int_equal(RtmInvokeMethod(a, a, &in, &size, &out.first), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(size, 0);
    assert_int_equal(rec.calls, 0);

    /* A header and no data room: the method runs and has room 0. */
    size = (UINT)HEADER;
    assert_int_equal(RtmInvokeMethod(a, a, &in, &size, &out.first), NO_ERROR);
    assert_int_equal(rec.calls, 1);
    assert_int_equal(rec.room[0], 0);
    assert_int_equal(size, HEADER);
    assert_int_equal(out.first.OutputSize, 0);
    assert_int_equal(out.first.MethodStatus, ERROR_INSUFFICIENT_BUFFER);

    /* Room for method 0 but not for method 1's header: method 0's output
     * is there, method 1 did not run. */
    rec_reset();
    in = input_of(0x3);
    size = 16 + (UINT)HEADER - 1;
    out_reset(&out);
    assert_int_equal(RtmInvokeMethod(a, a, &in, &size, &out.first), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(rec.calls, 1);
    assert_int_equal(size, 16);
    assert_int_equal(out.first.OutputSize, 4);
    assert_int_equal(out.bytes[16], 0xEE);

    /* Method 2 takes all the room: method 3 does not run. */
    rec_reset();
    in = input_of(0xC);
    size = 64;
    assert_int_equal(RtmInvokeMethod(a, a, &in, &size, &out.first), ERROR_INSUFFICIENT_BUFFER);
    assert_int_equal(rec.calls, 1);
    assert_int_equal(rec.order[0], 2);
    assert_int_equal(size, 64);

    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
}

static void test_invoke_bad_input(void **state)
{
    RTM_ENTITY_HANDLE a = test_register_with(4107, AF_INET, PROTO_A, 0, (PRTM_ENTITY_EXPORT_METHODS)&four, NULL, FALSE, NULL);
    RTM_ENTITY_HANDLE b = test_register(4107, AF_INET, PROTO_B, 0, FALSE);
    RTM_ENTITY_HANDLE other = test_register_with(4108, AF_INET, PROTO_A, 0, (PRTM_ENTITY_EXPORT_METHODS)&four, NULL, FALSE, NULL);
    RTM_ENTITY_HANDLE gone = test_register_with(4107, AF_INET, PROTO_C, 0, (PRTM_ENTITY_EXPORT_METHODS)&four, NULL, FALSE, NULL);
    RTM_ENTITY_HANDLE gone_ref = referenced_entity(b, gone);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(a, test_ipv4(10, 0, 0, 1, 32), 1);
    RTM_ENTITY_METHOD_INPUT in = input_of(METHOD_TYPE_ALL_METHODS);
    union out_buffer out;
    UINT size = sizeof out;
    (void)state;

    assert_int_equal(RtmDeregisterEntity(gone), NO_ERROR);
    rec_reset();
    out_reset(&out);

    assert_int_equal(RtmInvokeMethod(b, a, NULL, &size, &out.first), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmInvokeMethod(b, a, &in, NULL, &out.first), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmInvokeMethod(b, a, &in, &size, NULL), ERROR_INVALID_PARAMETER);

    assert_int_equal(RtmInvokeMethod(NULL, a, &in, &size, &out.first), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmInvokeMethod(FORGED, a, &in, &size, &out.first), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmInvokeMethod(gone, a, &in, &size, &out.first), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmInvokeMethod(gone_ref, a, &in, &size, &out.first), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmInvokeMethod(b, NULL, &in, &size, &out.first), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmInvokeMethod(b, FORGED, &in, &size, &out.first), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmInvokeMethod(b, (RTM_ENTITY_HANDLE)nh, &in, &size, &out.first),
                     ERROR_INVALID_HANDLE);
    assert_int_equal(RtmInvokeMethod(b, other, &in, &size, &out.first), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmInvokeMethod(other, a, &in, &size, &out.first), ERROR_INVALID_HANDLE);
    /* A deregistered entity's methods are never run. */
    assert_int_equal(RtmInvokeMethod(b, gone_ref, &in, &size, &out.first), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmInvokeMethod(b, gone, &in, &size, &out.first), ERROR_INVALID_HANDLE);

    assert_int_equal(rec.calls, 0);
    assert_int_equal(size, sizeof out);
    assert_int_equal(out.bytes[0], 0xEE);

    assert_int_equal(RtmReleaseEntities(b, 1, &gone_ref), NO_ERROR);
    assert_int_equal(RtmReleaseNextHops(a, 1, &nh), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(b), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(other), NO_ERROR);
}

/* A method that uses the API while it runs: no lock of the library is
 * held, so it may add a next hop, invoke another entity's method, block
 * and resume the caller's methods and deregister a third entity. */
static struct {
    RTM_ENTITY_HANDLE callee_peer; /* whose method it invokes */
    RTM_ENTITY_HANDLE victim;      /* whom it deregisters */
    DWORD add, invoke, block, resume, dereg;
    RTM_NEXTHOP_HANDLE nexthop;
} nested;

static VOID WINAPI method_uses_api(RTM_ENTITY_HANDLE caller, RTM_ENTITY_HANDLE callee,
                                   RTM_ENTITY_METHOD_INPUT *input,
                                   RTM_ENTITY_METHOD_OUTPUT *output)
{
    RTM_NEXTHOP_INFO info;
    RTM_ENTITY_METHOD_INPUT in = input_of(0x1);
    union out_buffer out;
    UINT size = sizeof out;

    (void)input;
    memset(&info, 0, sizeof info);
    info.NextHopAddress = test_ipv4(10, 9, 9, 9, 32);
    info.InterfaceIndex = 3;
    nested.add = RtmAddNextHop(callee, &info, &nested.nexthop, NULL);
    nested.invoke = RtmInvokeMethod(callee, nested.callee_peer, &in, &size, &out.first);
    nested.block = RtmBlockMethods(caller, NULL, 0, RTM_BLOCK_METHODS);
    nested.resume = RtmBlockMethods(caller, NULL, 0, RTM_RESUME_METHODS);
    nested.dereg = RtmDeregisterEntity(nested.victim);
    output->OutputSize = 0;
}

static void test_method_uses_api(void **state)
{
    RTM_ENTITY_EXPORT_METHODS one = { 1, { method_uses_api } };
    RTM_ENTITY_HANDLE a = test_register_with(4109, AF_INET, PROTO_A, 0, &one, NULL, FALSE, NULL);
    RTM_ENTITY_HANDLE b = test_register_with(4109, AF_INET, PROTO_B, 0, (PRTM_ENTITY_EXPORT_METHODS)&four, NULL, FALSE, NULL);
    RTM_ENTITY_HANDLE c = test_register(4109, AF_INET, PROTO_C, 0, FALSE);
    RTM_ENTITY_METHOD_INPUT in = input_of(0x1);
    union out_buffer out;
    UINT size = sizeof out;
    (void)state;

    memset(&nested, 0xFF, sizeof nested);
    nested.nexthop = NULL;
    nested.callee_peer = b;
    nested.victim = c;
    rec_reset();
    assert_int_equal(RtmInvokeMethod(b, a, &in, &size, &out.first), NO_ERROR);
    assert_int_equal(nested.add, NO_ERROR);
    assert_int_equal(nested.invoke, NO_ERROR);
    assert_int_equal(rec.calls, 1);
    assert_ptr_equal(rec.caller, a);
    assert_ptr_equal(rec.callee, b);
    assert_int_equal(nested.block, NO_ERROR);
    assert_int_equal(nested.resume, NO_ERROR);
    assert_int_equal(nested.dereg, NO_ERROR);
    assert_int_equal(size, HEADER);
    assert_int_equal(test_entity_count(a), 2);
    assert_int_equal(RtmReleaseNextHops(a, 1, &nested.nexthop), NO_ERROR);

    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(b), NO_ERROR);
}

/* ---- RtmBlockMethods ------------------------------------------------------- */

static void test_block_return_codes(void **state)
{
    RTM_ENTITY_HANDLE a = test_register_with(4110, AF_INET, PROTO_A, 0, (PRTM_ENTITY_EXPORT_METHODS)&four, NULL, FALSE, NULL);
    RTM_ENTITY_HANDLE gone = test_register(4110, AF_INET, PROTO_B, 0, FALSE);
    RTM_NEXTHOP_HANDLE nh = test_add_nexthop(a, test_ipv4(10, 0, 0, 1, 32), 1);
    RTM_ENTITY_METHOD_INPUT in = input_of(0x1);
    union out_buffer out;
    UINT size, n;
    (void)state;

    assert_int_equal(RtmDeregisterEntity(gone), NO_ERROR);

    /* Bad handles. */
    assert_int_equal(RtmBlockMethods(NULL, NULL, 0, RTM_BLOCK_METHODS), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmBlockMethods(FORGED, NULL, 0, RTM_BLOCK_METHODS), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmBlockMethods(gone, NULL, 0, RTM_BLOCK_METHODS), ERROR_INVALID_HANDLE);
    assert_int_equal(RtmBlockMethods((RTM_ENTITY_HANDLE)nh, NULL, 0, RTM_BLOCK_METHODS),
                     ERROR_INVALID_HANDLE);

    /* The methods of one destination, route or next hop: not supported. */
    assert_int_equal(RtmBlockMethods(a, nh, 2, RTM_BLOCK_METHODS), ERROR_NOT_SUPPORTED);
    assert_int_equal(RtmBlockMethods(a, FORGED, 1, RTM_BLOCK_METHODS), ERROR_NOT_SUPPORTED);
    assert_int_equal(RtmBlockMethods(a, nh, 2, RTM_RESUME_METHODS), ERROR_NOT_SUPPORTED);

    /* Neither blocking nor resuming. */
    assert_int_equal(RtmBlockMethods(a, NULL, 0, 2), ERROR_INVALID_PARAMETER);
    assert_int_equal(RtmBlockMethods(a, NULL, 0, 0xFFFFFFFF), ERROR_INVALID_PARAMETER);

    /* None of these blocked anything: nothing to resume, and the methods
     * run. */
    assert_int_equal(RtmBlockMethods(a, NULL, 0, RTM_RESUME_METHODS), ERROR_INVALID_PARAMETER);
    rec_reset();
    size = sizeof out;
    assert_int_equal(RtmInvokeMethod(a, a, &in, &size, &out.first), NO_ERROR);
    assert_int_equal(rec.calls, 1);

    /* Block, no nesting, resume once. TargetType is ignored without a
     * target. */
    assert_int_equal(RtmBlockMethods(a, NULL, 3, RTM_BLOCK_METHODS), NO_ERROR);
    assert_int_equal(RtmBlockMethods(a, NULL, 0, RTM_BLOCK_METHODS), ERROR_INVALID_PARAMETER);
    /* The rest of the API is not blocked. */
    n = 0;
    assert_int_equal(RtmGetEntityMethods(a, a, &n, NULL), NO_ERROR);
    assert_int_equal(n, 4);
    assert_int_equal(RtmBlockMethods(a, NULL, 0, RTM_RESUME_METHODS), NO_ERROR);
    assert_int_equal(RtmBlockMethods(a, NULL, 0, RTM_RESUME_METHODS), ERROR_INVALID_PARAMETER);
    size = sizeof out;
    assert_int_equal(RtmInvokeMethod(a, a, &in, &size, &out.first), NO_ERROR);
    assert_int_equal(rec.calls, 2);

    /* Deregistering with methods blocked lifts the block. */
    assert_int_equal(RtmReleaseNextHops(a, 1, &nh), NO_ERROR);
    assert_int_equal(RtmBlockMethods(a, NULL, 0, RTM_BLOCK_METHODS), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_int_equal(RtmBlockMethods(a, NULL, 0, RTM_RESUME_METHODS), ERROR_INVALID_HANDLE);
}

/* An invocation in another thread. */
struct invoker {
    RTM_ENTITY_HANDLE caller, callee;
    RTM_ENTITY_METHOD_TYPE mask;
    int started, done;   /* flags */
    DWORD status;
};

static void invoker_thread(void *arg)
{
    struct invoker *p = arg;
    RTM_ENTITY_METHOD_INPUT in = input_of(p->mask);
    union out_buffer out;
    UINT size = sizeof out;

    test_counter_set(&p->started, 1);
    p->status = RtmInvokeMethod(p->caller, p->callee, &in, &size, &out.first);
    test_counter_set(&p->done, 1);
}

static void invoker_start(struct invoker *p, test_thread *t, RTM_ENTITY_HANDLE caller,
                          RTM_ENTITY_HANDLE callee, RTM_ENTITY_METHOD_TYPE mask)
{
    memset(p, 0, sizeof *p);
    p->caller = caller;
    p->callee = callee;
    p->mask = mask;
    p->status = NO_STATUS;
    test_thread_start(t, invoker_thread, p);
    assert_true(test_wait_flag(&p->started, 1, WAIT_MS));
}

/* Methods for the ordering tests: bit 0 records whether methods had been
 * resumed when it ran; bit 1 holds its invocation until released. */
static struct {
    int resumed;       /* set by the test just before it resumes */
    int ran;           /* method 0 ran ... */
    int saw_resumed;   /* ... and saw resumed set */
    int inside;        /* method 1 is running */
    int release;       /* method 1 may return */
    int finished;      /* method 1 is about to return */
} order;

static VOID WINAPI method_check_resumed(RTM_ENTITY_HANDLE caller, RTM_ENTITY_HANDLE callee,
                                       RTM_ENTITY_METHOD_INPUT *input,
                                       RTM_ENTITY_METHOD_OUTPUT *output)
{
    (void)caller;
    (void)callee;
    (void)input;
    test_counter_set(&order.saw_resumed, test_counter_get(&order.resumed));
    test_counter_set(&order.ran, test_counter_get(&order.ran) + 1);
    output->OutputSize = 0;
}

static VOID WINAPI method_gate(RTM_ENTITY_HANDLE caller, RTM_ENTITY_HANDLE callee,
                              RTM_ENTITY_METHOD_INPUT *input, RTM_ENTITY_METHOD_OUTPUT *output)
{
    (void)caller;
    (void)callee;
    (void)input;
    test_counter_set(&order.inside, 1);
    test_wait_flag(&order.release, 1, WAIT_MS);
    test_counter_set(&order.finished, 1);
    output->OutputSize = 0;
}

static struct {
    UINT NumMethods;
    RTM_ENTITY_EXPORT_METHOD Methods[2];
} ordered = { 2, { method_check_resumed, method_gate } };

static void test_block_holds_invocations(void **state)
{
    RTM_ENTITY_HANDLE a = test_register_with(4111, AF_INET, PROTO_A, 0, (PRTM_ENTITY_EXPORT_METHODS)&ordered, NULL, FALSE, NULL);
    RTM_ENTITY_HANDLE b = test_register(4111, AF_INET, PROTO_B, 0, FALSE);
    struct invoker inv;
    test_thread t;
    (void)state;

    memset(&order, 0, sizeof order);
    assert_int_equal(RtmBlockMethods(a, NULL, 0, RTM_BLOCK_METHODS), NO_ERROR);
    invoker_start(&inv, &t, b, a, 0x1);
    /* The invocation waits while a's methods are blocked... */
    assert_false(test_wait_flag(&inv.done, 1, STILL_MS));
    assert_int_equal(test_counter_get(&order.ran), 0);
    /* ... and runs once they are resumed. */
    test_counter_set(&order.resumed, 1);
    assert_int_equal(RtmBlockMethods(a, NULL, 0, RTM_RESUME_METHODS), NO_ERROR);
    test_thread_join(t);
    assert_int_equal(inv.status, NO_ERROR);
    assert_int_equal(order.ran, 1);
    assert_int_equal(order.saw_resumed, 1);

    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(b), NO_ERROR);
}

/* Blocks a's methods from another thread, notes what it finds, resumes. */
struct blocker {
    RTM_ENTITY_HANDLE reg;
    int blocked;               /* flag: RtmBlockMethods returned */
    int saw_finished;          /* the invocation in flight had finished */
    DWORD block, resume;
};

static void blocker_thread(void *arg)
{
    struct blocker *p = arg;

    p->block = RtmBlockMethods(p->reg, NULL, 0, RTM_BLOCK_METHODS);
    p->saw_finished = test_counter_get(&order.finished);
    test_counter_set(&p->blocked, 1);
    p->resume = RtmBlockMethods(p->reg, NULL, 0, RTM_RESUME_METHODS);
}

static void test_block_waits_for_invocation(void **state)
{
    RTM_ENTITY_HANDLE a = test_register_with(4112, AF_INET, PROTO_A, 0, (PRTM_ENTITY_EXPORT_METHODS)&ordered, NULL, FALSE, NULL);
    RTM_ENTITY_HANDLE b = test_register(4112, AF_INET, PROTO_B, 0, FALSE);
    struct invoker inv;
    struct blocker blk;
    test_thread t_inv, t_blk;
    (void)state;

    memset(&order, 0, sizeof order);
    invoker_start(&inv, &t_inv, b, a, 0x2);
    assert_true(test_wait_flag(&order.inside, 1, WAIT_MS));

    /* a blocks its methods while one of them runs: the block waits... */
    memset(&blk, 0, sizeof blk);
    blk.reg = a;
    test_thread_start(&t_blk, blocker_thread, &blk);
    assert_false(test_wait_flag(&blk.blocked, 1, STILL_MS));
    /* ... until the method has returned. */
    test_counter_set(&order.release, 1);
    test_thread_join(t_inv);
    test_thread_join(t_blk);
    assert_int_equal(inv.status, NO_ERROR);
    assert_int_equal(blk.block, NO_ERROR);
    assert_int_equal(blk.saw_finished, 1);
    assert_int_equal(blk.resume, NO_ERROR);

    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(b), NO_ERROR);
}

static void test_deregister_while_blocked(void **state)
{
    RTM_ENTITY_HANDLE a = test_register_with(4113, AF_INET, PROTO_A, 0, (PRTM_ENTITY_EXPORT_METHODS)&ordered, NULL, FALSE, NULL);
    RTM_ENTITY_HANDLE b = test_register(4113, AF_INET, PROTO_B, 0, FALSE);
    RTM_ENTITY_HANDLE a_ref = referenced_entity(b, a);
    struct invoker inv;
    test_thread t;
    (void)state;

    /* An invocation waits for a's block; a deregisters instead of
     * resuming: the invocation fails and the method never runs. */
    memset(&order, 0, sizeof order);
    assert_int_equal(RtmBlockMethods(a, NULL, 0, RTM_BLOCK_METHODS), NO_ERROR);
    invoker_start(&inv, &t, b, a_ref, 0x1);
    assert_false(test_wait_flag(&inv.done, 1, STILL_MS));
    assert_int_equal(RtmDeregisterEntity(a), NO_ERROR);
    test_thread_join(t);
    assert_int_equal(inv.status, ERROR_INVALID_HANDLE);
    assert_int_equal(order.ran, 0);

    assert_int_equal(RtmReleaseEntities(b, 1, &a_ref), NO_ERROR);
    assert_int_equal(RtmDeregisterEntity(b), NO_ERROR);
}

/* Deregisters an entity from another thread, noting whether the
 * invocation in flight had finished when it returned. */
struct deregisterer {
    RTM_ENTITY_HANDLE reg;
    int done;                  /* flag */
    int saw_finished;
    DWORD status;
};

static void deregister_thread(void *arg)
{
    struct deregisterer *p = arg;

    p->status = RtmDeregisterEntity(p->reg);
    p->saw_finished = test_counter_get(&order.finished);
    test_counter_set(&p->done, 1);
}

static void test_deregister_waits_for_invocation(void **state)
{
    RTM_ENTITY_HANDLE a = test_register_with(4114, AF_INET, PROTO_A, 0, (PRTM_ENTITY_EXPORT_METHODS)&ordered, NULL, FALSE, NULL);
    RTM_ENTITY_HANDLE b = test_register(4114, AF_INET, PROTO_B, 0, FALSE);
    struct invoker inv;
    struct deregisterer dereg;
    test_thread t_inv, t_dereg;
    (void)state;

    memset(&order, 0, sizeof order);
    invoker_start(&inv, &t_inv, b, a, 0x2);
    assert_true(test_wait_flag(&order.inside, 1, WAIT_MS));

    /* a deregisters while one of its methods runs: deregistration waits
     * for the method to return... */
    memset(&dereg, 0, sizeof dereg);
    dereg.reg = a;
    test_thread_start(&t_dereg, deregister_thread, &dereg);
    assert_false(test_wait_flag(&dereg.done, 1, STILL_MS));
    /* ... and no new invocation starts meanwhile. */
    {
        RTM_ENTITY_METHOD_INPUT in = input_of(0x1);
        union out_buffer out;
        UINT size = sizeof out;
        DWORD status = RtmInvokeMethod(b, a, &in, &size, &out.first);
        /* Refused, unless the other thread has not marked a deregistered
         * yet (then it runs before deregistration completes). */
        if (status != NO_ERROR)
            assert_int_equal(status, ERROR_INVALID_HANDLE);
    }
    test_counter_set(&order.release, 1);
    test_thread_join(t_inv);
    test_thread_join(t_dereg);
    assert_int_equal(inv.status, NO_ERROR);
    assert_int_equal(dereg.status, NO_ERROR);
    assert_int_equal(dereg.saw_finished, 1);

    assert_int_equal(RtmDeregisterEntity(b), NO_ERROR);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample_obtain_and_call),
        cmocka_unit_test(test_register_method_count),
        cmocka_unit_test(test_get_entity_methods),
        cmocka_unit_test(test_invoke_selection),
        cmocka_unit_test(test_invoke_output_layout),
        cmocka_unit_test(test_invoke_output_too_small),
        cmocka_unit_test(test_invoke_bad_input),
        cmocka_unit_test(test_method_uses_api),
        cmocka_unit_test(test_block_return_codes),
        cmocka_unit_test(test_block_holds_invocations),
        cmocka_unit_test(test_block_waits_for_invocation),
        cmocka_unit_test(test_deregister_while_blocked),
        cmocka_unit_test(test_deregister_waits_for_invocation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
