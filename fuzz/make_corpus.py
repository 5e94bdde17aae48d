#!/usr/bin/env python3
"""make_corpus.py - writes the fuzzer's seed corpus (fuzz/corpus/).

Each seed is a short scenario encoded the way rtm_api_fuzz decodes its
input: one byte selects the operation (modulo the number of operations,
in the order of the tables in rtm_api_fuzz.c: fz_entity_ops, fz_route_ops,
fz_lookup_ops, fz_enum_ops, fz_mgm_ops, fz_mfe_ops, fz_group_ops and
fz_v1_ops; a new table goes at the end, see docs/fuzzing.md), then each
operation reads its arguments byte by byte (see its op_* function). The encoders below mirror that decoding; keep them in
step when an operation's reading changes (a stale seed is still a valid
input, only a less useful one).

    python3 fuzz/make_corpus.py           (rewrites fuzz/corpus/seed-*)
    python3 fuzz/make_corpus.py --check   (fails if a seed differs: the
                                           fuzz.corpus test, which catches a
                                           seed left stale by a new group)
"""
import os
import re
import sys

# Operation numbers: the position in the concatenated tables.
REGISTER, DEREGISTER, GET_ENTITIES, INVOKE, BLOCK, LOCK_DEST = 0, 2, 3, 7, 8, 9
ADD_NEXTHOP, FIND_NEXTHOP, DELETE_NEXTHOP, LOCK_NEXTHOP = 10, 12, 13, 15
ADD_ROUTE, DELETE_ROUTE, ROUTE_INFO, LOCK_ROUTE, IS_BEST, EXACT_ROUTE, HOLD = 16, 19, 20, 21, 22, 23, 24
LOOKUP, DEST_INFO, RELEASE_INFO, REFERENCE, RELEASE_HANDLES, AUDIT = 25, 28, 29, 31, 32, 33
CREATE_ENUM, GET_ENUM, DELETE_OWNED, CREATE_LIST, INSERT_LIST = 35, 37, 40, 41, 42
REGISTER_NOTIFY, GET_CHANGED, NOTIFY_DEST = 44, 45, 47
# The MGM's (fuzz_ops_mgm.c, fuzz_ops_mfe.c, fuzz_ops_group.c).
MGM_REGISTER, MGM_DEREGISTER, MGM_TAKE, MGM_RELEASE, MGM_ON = 48, 50, 51, 54, 55
MGM_JOIN, MGM_LEAVE, MGM_INIT = 56, 59, 61
FWD_REGISTER, FWD_DEREGISTER, FWD_PACKET, FWD_COUNTERS = 62, 63, 64, 67
GET_MFE, GET_MFES, GROUP_START, GROUP_NEXT, GROUP_END = 68, 70, 72, 73, 76

HERE = os.path.dirname(os.path.abspath(__file__))


def op_number(table, function):
    """The number selecting function's first row in table: the rows of the
    tables before it (in rtm_api_fuzz.c's order) plus its row, both read
    from the sources, so that it stays right when groups are added."""
    def source(name):
        with open(os.path.join(HERE, name)) as f:
            return f.read()
    order = re.search(r"tables\[\d*\]\)\(struct fz_in \*\) = \{([^}]*)\}", source("rtm_api_fuzz.c"))
    ops = "".join(source(n) for n in sorted(os.listdir(HERE)) if n.endswith(".c"))
    number = 0
    for name in re.findall(r"\w+", order.group(1)):
        rows = re.search(r"\(\*const %s\[\]\)\(struct fz_in \*\) = \{([^}]*)\}" % name, ops)
        rows = re.findall(r"\w+", rows.group(1))
        if name == table:
            return number + rows.index(function)
        number += len(rows)
    raise KeyError(table)


# RTMv1 (fz_v1_ops, after the MGM's tables).
V1_REGISTER, V1_DEREGISTER, V1_ADD, V1_DELETE, V1_DEQUEUE, V1_QUERY, V1_WALK, V1_ENUM, \
    V1_ENUM_NEXT, V1_ENUM_CLOSE, V1_BLOCK = (
        op_number("fz_v1_ops", f) for f in (
            "op_register", "op_deregister", "op_add", "op_delete", "op_dequeue", "op_query",
            "op_walk", "op_enum_create", "op_enum_next", "op_enum_close", "op_block"))

INET, INET6 = 0, 3          # family selectors of op_register
HELD = 0x00                 # fz_pick: a handle the harness holds (first one)


def addr(palette, length):
    """fz_gen_address: a palette address (0-6) and a prefix length."""
    return [palette, length]


def register(instance, family, protocol, methods=None, callback=1, opaque=0):
    msel = 0 if methods is None else 3
    out = [REGISTER, msel, callback, 31, opaque, instance, family, protocol - 1, 0]
    if methods is not None:
        out.append(methods)
    return out


def add_nexthop(caller, a, ifindex=0):
    # mode 7: a handle wanted and ChangeFlags checked; no remote.
    return [ADD_NEXTHOP, caller, 7] + a + [ifindex, 0, 0, 0, 0, 0]


def add_route(caller, a, pref=0, metric=0, views=1, nexthops=0, ttl=0):
    # mode 6: a handle wanted; cf 0: ChangeFlags checked; views selector of
    # gen_views (1: unicast, 4: multicast, 6: both); ttl selector of
    # fz_gen_ttl (0: INFINITE, 20: an hour, 30: 0 ms, 31: 1 ms).
    route = [nexthops, 1, 0x10, pref, metric, views, 0]
    for _ in range(nexthops):
        route += [0, 0]     # one of the caller's next hops
    return [ADD_ROUTE, caller, 6, 0, ttl] + a + route + [1]


def lookup(caller, kind, a, target=0):
    return [LOOKUP, caller, kind, 31, 1, 0, target] + a + ([HELD] if kind == 2 else [])


def audit(table):
    return [AUDIT, table]


def dest_enum(caller):
    return [CREATE_ENUM, caller, 0, 31, 0, 0] + addr(0, 0) + [1, 0, 0]


def get_enum(count_sel=3):
    return [GET_ENUM, HELD, 1, count_sel, 31]


def notify(caller):
    return [REGISTER_NOTIFY, caller, 0, 0, 2, 31]


def get_changed():
    return [GET_CHANGED, HELD, 1, 3, 31]


def delete_route(caller):
    return [DELETE_ROUTE, caller, HELD, 1]


def hold(caller):
    return [HOLD, caller, HELD, 1, 1]


def invoke(caller, target):
    return [INVOKE, caller, target, 2, 60, 31, 0, 5, 1]


def scenario_table(instance, family):
    s = register(instance, family, 1) + register(instance, family, 2)
    s += add_nexthop(0, addr(3, 24)) + add_nexthop(1, addr(3, 24), 1)
    s += add_route(0, addr(0, 8), nexthops=1) + add_route(0, addr(1, 16), pref=1)
    s += add_route(1, addr(0, 8), pref=1, views=6) + add_route(1, addr(2, 32), views=4)
    s += lookup(0, 0, addr(0, 8)) + lookup(1, 1, addr(2, 32)) + lookup(0, 1, addr(1, 24))
    s += lookup(0, 2, addr(0, 8)) + audit(instance * 2 + (family == INET6))
    s += dest_enum(0) + get_enum() + get_enum() + notify(1) + get_changed()
    s += add_route(0, addr(0, 8), pref=2) + get_changed() + delete_route(0) + get_changed()
    return s + [DEREGISTER, 0]


def scenario_hold():
    s = register(0, INET, 1) + add_route(0, addr(0, 8)) + lookup(0, 0, addr(0, 8))
    s += hold(0) + delete_route(0) + lookup(0, 0, addr(0, 8)) + audit(0)
    return s


def scenario_aging():
    s = register(0, INET, 1, callback=2) + add_route(0, addr(1, 16), ttl=31)
    s += add_route(0, addr(0, 8), ttl=30) + add_route(0, addr(2, 32), ttl=20)
    s += audit(0) + lookup(0, 1, addr(1, 24))
    return s


def scenario_methods():
    s = register(0, INET, 1, methods=3) + register(0, INET, 2, methods=2)
    s += invoke(0, 1) + invoke(1, 0) + [BLOCK, 1, 0] + [BLOCK, 1, 8] + invoke(0, 1)
    return s


def scenario_instances():
    s = register(0, INET, 1) + register(1, INET, 1) + register(1, INET6, 1)
    s += add_route(0, addr(0, 8)) + add_route(1, addr(0, 8)) + add_route(2, addr(0, 64))
    s += lookup(1, 0, addr(0, 8)) + [REFERENCE, 0, 2, HELD, 1, HELD, 3] + audit(2)
    return s


V1_IP, V1_IPX = 0, 7        # gen_family selectors


def v1_register(family, protocol, event=True):
    # protocol 1-4; event selector 3: a new eventfd, 0: none; flags 0.
    return [V1_REGISTER, family, protocol - 1, 3 if event else 0, 0]


def v1_route(network, hop=0, metric=1, iface=0):
    # gen_route: network palette entry, next hop, metric, interface,
    # protocol (criteria only), protocol data.
    return [network, hop, metric, iface, 0, 0]


def v1_add(client, route):
    # TimeToLive selector 0: INFINITE; outputs: all given.
    return [V1_ADD, client] + route + [0, 1]


def scenario_rtmv1():
    s = v1_register(V1_IP, 1) + v1_register(V1_IP, 2, event=False)
    s += v1_register(V1_IPX, 1)
    s += v1_add(1, v1_route(1, metric=5, iface=1)) + v1_add(0, v1_route(1, hop=1, metric=3))
    s += v1_add(0, v1_route(4, metric=2)) + v1_add(2, v1_route(0, hop=1, metric=5))
    s += [V1_DEQUEUE, 0, 1] + [V1_DEQUEUE, 2, 1]
    s += [V1_WALK, V1_IP, 0, 0, 7] + v1_route(0)
    s += [V1_ENUM, V1_IP, 8, 1] + v1_route(0) + [V1_ENUM_NEXT, 0, 1] * 3 + [V1_ENUM_CLOSE, 0]
    s += [V1_QUERY, 0, 1, V1_IPX] + v1_route(0) + [V1_QUERY, 2, 1, V1_IP] + v1_route(6)
    s += [V1_BLOCK, 1, 0, 1] + v1_route(0) + [V1_DELETE, 0] + v1_route(4, metric=2) + [1]
    return s + [V1_DEREGISTER, 0]


# MGM arguments: protocol ids of op_register (fuzz_ops_mgm.c), pairs of
# fzm_gen_pair, addresses of fzm_gen_group / fzm_gen_source, links 0-5.
IGMP, PROTO1 = 0, 2
STAR_STAR, STAR_G, S_G = 0, 1, 3
G_224_1_1_1, G_224_0_0_5 = 2, 0
S_10_0_0_1, S_10_1_2_3, S_192_168_1_7 = 0, 1, 3
JOIN, FORWARD, BOTH = 0, 3, 4


def mgm_register(protocol):
    return [MGM_REGISTER, protocol, 0, 31, 0]


def mgm_take(client, link):
    return [MGM_TAKE, client, 0, link]


def mgm_join(client, link, kind, group=None, source=None, flags=JOIN, op=MGM_JOIN):
    out = [op, client, 0, kind]
    out += [] if group is None else [group]
    out += [] if source is None else [source]
    return out + [link, flags]


def packet(source, group, link, redirect=255, disable=255):
    return [FWD_PACKET, 0, source, group, 1, link, redirect, disable, 0x45]


def scenario_mgm():
    """A routing protocol and IGMP on shared links, joins of every kind,
    RPF through a multicast route, packets making MFEs (one moved by the
    RPF callback, one with a link disabled by a creation alert), counters,
    MFE and group reads, a leave, a release and the forwarder's end."""
    s = register(0, INET, 1) + add_nexthop(0, addr(3, 24), 1)
    s += add_route(0, addr(0, 8), views=6, nexthops=1)
    s += mgm_register(PROTO1) + mgm_register(IGMP)
    s += mgm_take(0, 0) + mgm_take(0, 1) + mgm_take(0, 3) + mgm_take(1, 1) + mgm_take(1, 2)
    s += mgm_join(0, 0, STAR_G, G_224_1_1_1) + mgm_join(1, 1, STAR_G, G_224_1_1_1)
    s += mgm_join(1, 2, STAR_G, G_224_1_1_1) + mgm_join(1, 2, S_G, G_224_1_1_1, S_10_1_2_3)
    s += mgm_join(0, 3, STAR_STAR) + [FWD_REGISTER, 2, 0]
    s += packet(S_10_1_2_3, G_224_1_1_1, 0) + packet(S_10_0_0_1, G_224_1_1_1, 1, redirect=0)
    s += packet(S_192_168_1_7, G_224_0_0_5, 2, disable=2)
    s += [GET_MFES, 0, 0, 5, 0, 5] + [GET_MFES, 2, 1, 0, 5, 0, 5] + [GET_MFE, 1, 0, 5, 0, 2]
    s += [FWD_COUNTERS, 0, 1, 3, 0] + [10, 20, 30, 40, 1, 2, 3, 4, 5] + [0, 0, 0, 0, 0, 9, 1]
    s += [GET_MFES, 1, 0, 0, 5, 0, 5]
    s += mgm_join(1, 1, STAR_G, G_224_1_1_1, op=MGM_LEAVE)
    s += mgm_join(0, 0, S_G, G_224_1_1_1, S_10_0_0_1, flags=FORWARD)
    s += [GROUP_START, 0, 0, 0, 1] + [GROUP_NEXT, 0, 0, 5, 2] + [GROUP_NEXT, 0, 0, 5, 7]
    s += [GROUP_START, 0, 0, 3, 1] + [GROUP_NEXT, 1, 0, 5, 7] + [GROUP_END, 0, 0]
    s += [MGM_RELEASE, 0, 0, 1] + [MGM_ON, 5, 1] + [GET_MFES, 0, 0, 5, 0, 5]
    s += [FWD_DEREGISTER, 0] + [MGM_INIT, 2]
    return s


SEEDS = {
    "seed-ipv4": scenario_table(0, INET),
    "seed-ipv6": scenario_table(0, INET6),
    "seed-instance1": scenario_table(1, INET),
    "seed-hold": scenario_hold(),
    "seed-aging": scenario_aging(),
    "seed-methods": scenario_methods(),
    "seed-instances": scenario_instances(),
    "seed-mgm": scenario_mgm(),
    "seed-rtmv1": scenario_rtmv1(),
}

if __name__ == "__main__":
    here = os.path.join(HERE, "corpus")
    os.makedirs(here, exist_ok=True)
    stale = []
    for name, data in SEEDS.items():
        path, data = os.path.join(here, name), bytes(b & 0xFF for b in data)
        if sys.argv[1:] == ["--check"]:
            with open(path, "rb") as f:
                if f.read() != data:
                    stale.append(name)
        else:
            with open(path, "wb") as f:
                f.write(data)
    if stale:
        sys.exit("make_corpus.py: stale seeds (rerun fuzz/make_corpus.py): " + " ".join(stale))
