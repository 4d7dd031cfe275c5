/*
 * stack_client — what the test programs that run against the test stack (check_e2e,
 * check_hostile, check_faults) share to look at it from outside: the supervisor and its
 * workers, and fresh DocumentIds.
 */
#ifndef BAOCAO_TESTS_STACK_CLIENT_H
#define BAOCAO_TESTS_STACK_CLIENT_H

#include <stddef.h>
#include <sys/types.h>

/* The supervisor's pid from RUN_DIR/baocao.pid, or 0. */
pid_t tc_supervisor_pid(const char *run_dir);
/* The live (not zombie) children of the supervisor, at most max. */
size_t tc_workers_of(pid_t supervisor, pid_t *out, size_t max);
/* A random UUID in lower case. */
void tc_new_uuid(char out[37]);

#endif
