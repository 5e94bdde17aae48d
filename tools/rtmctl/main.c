/*
 * main.c - rtmctl's command line (the usage text is in help.c):
 *   rtmctl [-e COMMAND]... [-f SCRIPT]... [COMMAND [ARG...]]
 * Options run in order, then the command. The exit status is the worst of
 * the commands' (0 ok, 1 a command failed, 2 usage error).
 */
#include "commands.h"
#include "help.h"
#include "script.h"

#include <stdio.h>
#include <string.h>

#ifndef RTMCTL_VERSION
#define RTMCTL_VERSION "unknown"
#endif

/* Runs the options and command of argv. */
static int run(struct ctl *ctl, int argc, char **argv)
{
    int result = RTMCTL_OK, ran = 0, i;

    for (i = 1; i < argc; i++) {
        int r;
        if (!strcmp(argv[i], "-e") || !strcmp(argv[i], "-f")) {
            if (i + 1 == argc) {
                ctl_error(ctl, "%s needs an argument (try --help)", argv[i]);
                return RTMCTL_USAGE;
            }
            r = argv[i][1] == 'e' ? ctl_run_line(ctl, argv[i + 1])
                                  : ctl_run_script(ctl, argv[i + 1]);
            i++;
        } else if (argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "--")) {
            ctl_error(ctl, "unknown option '%s' (try --help)", argv[i]);
            return RTMCTL_USAGE;
        } else {
            i += !strcmp(argv[i], "--"); /* "--": the command follows */
            if (i == argc)
                break;
            r = ctl_run_words(ctl, argc - i, argv + i);
            i = argc;
        }
        ran = 1;
        if (r > result)
            result = r;
    }
    if (!ran) {
        ctl_error(ctl, "no command (try --help)");
        return RTMCTL_USAGE;
    }
    return result;
}

int main(int argc, char **argv)
{
    struct ctl ctl;
    int result;

    for (int i = 1; i < argc && strcmp(argv[i], "--"); i++) {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            ctl_print_help(stdout);
            return RTMCTL_OK;
        }
        if (!strcmp(argv[i], "--version")) {
            printf("rtmctl %s\n", RTMCTL_VERSION);
            return RTMCTL_OK;
        }
        if (!strcmp(argv[i], "-e") || !strcmp(argv[i], "-f"))
            i++;
        else if (argv[i][0] != '-')
            break;
    }
    result = ctl_init(&ctl);
    if (result == RTMCTL_OK)
        result = run(&ctl, argc, argv);
    ctl_cleanup(&ctl);
    fflush(stdout);
    return result;
}
