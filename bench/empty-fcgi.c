/*
 * empty-fcgi — the transport ceiling of `make bench`: a FastCGI responder that does nothing
 * but read the whole request body and answer 200 with a tiny body. nginx in front of it is
 * the same configuration as in front of baocao, so nginx → FastCGI → answer costs the same
 * on all three paths the benchmark compares.
 *
 *   empty-fcgi SOCKET WORKERS
 *
 * The process listens on SOCKET, forks WORKERS processes that accept on it, and stops them
 * all on SIGTERM or SIGINT (each child also dies with its parent).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcgiapp.h>

static volatile sig_atomic_t stopping;

static void
on_stop(int sig)
{
	(void)sig;
	stopping = 1;
	FCGX_ShutdownPending();
}

static void
handle(int sig, void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static int
worker(int sock)
{
	static const char answer[] = "Status: 200 OK\r\nContent-Type: application/xml\r\n"
	    "Content-Length: 6\r\n\r\n<ok/>\n";
	static char buf[65536];
	FCGX_Request r;

	prctl(PR_SET_PDEATHSIG, SIGTERM);
	handle(SIGTERM, on_stop);
	handle(SIGINT, SIG_IGN);
	FCGX_InitRequest(&r, sock, FCGI_FAIL_ACCEPT_ON_INTR);
	while (!stopping && FCGX_Accept_r(&r) >= 0) {
		while (FCGX_GetStr(buf, (int)sizeof(buf), r.in) > 0)
			;
		FCGX_PutStr(answer, (int)sizeof(answer) - 1, r.out);
		FCGX_Finish_r(&r);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	pid_t *pids;
	long n, i;
	int sock;
	mode_t old;

	if (argc != 3 || (n = strtol(argv[2], NULL, 10)) < 1 || n > 1024) {
		fprintf(stderr, "usage: empty-fcgi SOCKET WORKERS\n");
		return 2;
	}
	if (FCGX_Init() != 0)
		return 1;
	unlink(argv[1]);
	old = umask(0);
	sock = FCGX_OpenSocket(argv[1], 1024);
	umask(old);
	if (sock < 0) {
		fprintf(stderr, "empty-fcgi: cannot listen on %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	if ((pids = calloc((size_t)n, sizeof(*pids))) == NULL)
		return 1;
	handle(SIGTERM, on_stop);
	handle(SIGINT, on_stop);
	signal(SIGPIPE, SIG_IGN);
	for (i = 0; i < n; i++)
		if ((pids[i] = fork()) == 0)
			exit(worker(sock));
	while (!stopping)
		sleep(1);	/* a signal cuts it short; no race with the check */
	for (i = 0; i < n; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGTERM);
	for (i = 0; i < n; i++)
		if (pids[i] > 0)
			waitpid(pids[i], NULL, 0);
	unlink(argv[1]);
	free(pids);
	return 0;
}
