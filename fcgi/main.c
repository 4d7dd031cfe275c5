/*
 * main — the supervisor and its workers.
 *
 * The supervisor reads the configuration, compiles the schemas, opens the FastCGI socket
 * and forks N workers that share all three read-only. Each worker owns its accept loop,
 * its database connection and its validation contexts. A worker that dies is replaced;
 * SIGTERM or SIGINT stops the workers (each finishes the request in hand) and exits.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>
#include <mysql.h>

#include "baocao/config.h"
#include "baocao/ingest.h"
#include "baocao/log.h"
#include "baocao/route.h"

static volatile sig_atomic_t stopping;

static void
on_stop(int sig)
{
	(void)sig;
	stopping = 1;
	FCGX_ShutdownPending();
}

static void
set_handler(int sig, void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	/* no SA_RESTART: a blocked accept() must return so the loop can see `stopping` */
	sigaction(sig, &sa, NULL);
}

static void
serve_one(struct bc_worker *w, FCGX_Request *f)
{
	struct bc_request req;
	struct bc_response res;

	bc_request_init(&req, f);
	bc_response_init(&res);
	bc_route_dispatch(w, &req, &res);
	bc_response_send(&res, f);
	bc_response_free(&res);
	bc_request_free(&req);
}

static int
worker_main(const struct bc_config *cfg, int sock)
{
	struct bc_worker w = { cfg, NULL, NULL };
	FCGX_Request f;

	set_handler(SIGTERM, on_stop);
	set_handler(SIGINT, SIG_IGN);	/* Ctrl-C reaches the supervisor, which stops us */
	if (mysql_thread_init() != 0 || (w.store = bc_store_new(cfg)) == NULL)
		return 1;
	FCGX_InitRequest(&f, sock, FCGI_FAIL_ACCEPT_ON_INTR);
	while (!stopping && FCGX_Accept_r(&f) >= 0) {
		serve_one(&w, &f);
		FCGX_Finish_r(&f);
	}
	FCGX_Free(&f, 1);
	bc_store_free(w.store);
	bc_admin_close(w.admin);
	bc_ingest_shutdown();
	mysql_library_end();
	return 0;
}

static pid_t
spawn(const struct bc_config *cfg, int sock)
{
	pid_t pid = fork();

	if (pid == 0)
		exit(worker_main(cfg, sock));	/* exit, not _exit: LeakSanitizer checks at exit */
	if (pid < 0)
		bc_log(BC_LOG_ERROR, NULL, "fork: %s", strerror(errno));
	return pid;
}

static void
stop_workers(pid_t *pids, long n)
{
	time_t deadline = time(NULL) + 10;
	long i, alive;

	for (i = 0; i < n; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGTERM);
	do {
		for (alive = 0, i = 0; i < n; i++) {
			if (pids[i] <= 0)
				continue;
			if (waitpid(pids[i], NULL, WNOHANG) == pids[i])
				pids[i] = 0;
			else
				alive++;
		}
		if (alive > 0)
			usleep(20000);
	} while (alive > 0 && time(NULL) < deadline);
	for (i = 0; i < n; i++)
		if (pids[i] > 0) {
			kill(pids[i], SIGKILL);
			waitpid(pids[i], NULL, 0);
		}
}

/* Replace dead workers until told to stop; a worker that dies at once is restarted at
 * most once a second, so a broken configuration cannot spin the machine. */
static void
supervise(const struct bc_config *cfg, int sock, pid_t *pids)
{
	int status;
	long i;
	pid_t dead;

	while (!stopping) {
		dead = waitpid(-1, &status, 0);
		if (dead < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (i = 0; i < cfg->workers; i++) {
			if (pids[i] != dead)
				continue;
			bc_log(BC_LOG_WARN, NULL, "worker %d ended (%s %d); starting another",
			    (int)dead, WIFSIGNALED(status) ? "signal" : "status",
			    WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
			if (!stopping) {
				sleep(WIFEXITED(status) && WEXITSTATUS(status) != 0 ? 1 : 0);
				pids[i] = spawn(cfg, sock);
			} else
				pids[i] = 0;
		}
	}
}

static int
open_socket(const char *path)
{
	mode_t old;
	int sock;

	unlink(path);
	/* nginx's workers may run as another user; the socket sits in a private directory */
	old = umask(0);
	sock = FCGX_OpenSocket(path, 1024);
	umask(old);
	return sock;
}

int
main(int argc, char **argv)
{
	struct bc_config cfg;
	char err[512];
	pid_t *pids = NULL;
	int sock, opt, rc = 1;
	const char *conf = NULL;
	long i;

	while ((opt = getopt(argc, argv, "c:")) != -1) {
		if (opt != 'c') {
			fprintf(stderr, "usage: %s -c baocao.conf\n", argv[0]);
			return 2;
		}
		conf = optarg;
	}
	bc_config_defaults(&cfg);
	if (conf != NULL && bc_config_load(&cfg, conf, err, sizeof(err)) != 0) {
		fprintf(stderr, "baocao: %s\n", err);
		return 1;
	}
	if (bc_ingest_init(cfg.schema_dir, err, sizeof(err)) != 0) {
		fprintf(stderr, "baocao: %s\n", err);
		goto cleanup;
	}
	if (mysql_library_init(0, NULL, NULL) != 0 || FCGX_Init() != 0) {
		fprintf(stderr, "baocao: cannot initialise libraries\n");
		goto cleanup;
	}
	if ((sock = open_socket(cfg.listen)) < 0) {
		fprintf(stderr, "baocao: cannot listen on %s: %s\n", cfg.listen, strerror(errno));
		goto cleanup;
	}
	if ((pids = calloc((size_t)cfg.workers, sizeof(*pids))) == NULL)
		goto cleanup;
	set_handler(SIGTERM, on_stop);
	set_handler(SIGINT, on_stop);
	signal(SIGPIPE, SIG_IGN);
	for (i = 0; i < cfg.workers; i++)
		pids[i] = spawn(&cfg, sock);
	bc_log(BC_LOG_INFO, NULL, "listening on %s with %ld workers", cfg.listen, cfg.workers);
	supervise(&cfg, sock, pids);
	stop_workers(pids, cfg.workers);
	close(sock);
	unlink(cfg.listen);
	bc_log(BC_LOG_INFO, NULL, "stopped");
	rc = 0;
cleanup:
	free(pids);
	bc_ingest_shutdown();
	mysql_library_end();
	return rc;
}
