/*
 * stress.h - what the stress test's files share: anomalies. Workers never
 * assert: a status that no interleaving explains is counted as an anomaly
 * (the first ones are printed with their source line), and the test fails
 * at the end when there was any.
 */
#ifndef STRESS_H
#define STRESS_H

#include <stdio.h>

/* Anomalies so far (atomic). */
extern int stress_anomalies;

static inline void stress_anomaly(const char *file, int line, DWORD status)
{
    int n = __atomic_add_fetch(&stress_anomalies, 1, __ATOMIC_SEQ_CST);
    if (n <= 10)
        fprintf(stderr, "stress: anomaly at %s:%d (status %lu)\n", file, line,
                (unsigned long)status);
}

/* Checks that status is one of the statuses listed; returns it. */
static inline DWORD stress_check(const char *file, int line, DWORD status, const DWORD *allowed,
                                 size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (status == allowed[i])
            return status;
    stress_anomaly(file, line, status);
    return status;
}

#define anomaly(line, status) stress_anomaly(__FILE__, (line), (status))

#define CHECK(status, ...)                                                     \
    stress_check(__FILE__, __LINE__, (status), (const DWORD[]){ __VA_ARGS__ }, \
                 sizeof((const DWORD[]){ __VA_ARGS__ }) / sizeof(DWORD))

/* A condition that must hold whatever the interleaving. */
#define EXPECT(cond)                  \
    do {                              \
        if (!(cond))                  \
            anomaly(__LINE__, 0);     \
    } while (0)

#endif /* STRESS_H */
