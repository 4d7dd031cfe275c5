/*
 * main — the supervisor and its workers.
 *
 * The supervisor reads the configuration, compiles the schemas, opens the FastCGI socket
 * and forks N workers that share all three read-only. Each worker owns its accept loop,
 * its database connection and its validation contexts. A worker that dies is replaced;
 * SIGTERM or SIGINT stops the workers (each finishes the request in hand) and exits.
 *
 * SIGHUP reloads the configuration and the catalogue the way nginx does: `baocao-fcgi -t`
 * checks them first, in a child, so a broken file refuses the reload and changes nothing;
 * then the workers finish their requests and the supervisor executes itself afresh, keeping
 * its pid and handing the listening socket to the new image, where connections wait in the
 * backlog meanwhile instead of being refused. `-t` alone checks a configuration and exits.
 */
#include <errno.h>
#include <fcntl.h>
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

static volatile sig_atomic_t stopping, reloading;

/* Set by main before the workers start, for reload. */
static char **self_argv;
static const char *self_conf;

/* The listening socket handed over by a reload: its file descriptor number, and the path it
 * was opened on, which a changed `listen` cannot move. */
#define LISTEN_FD_ENV "BAOCAO_LISTEN_FD"
#define LISTEN_PATH_ENV "BAOCAO_LISTEN_PATH"

static void
on_stop(int sig)
{
	(void)sig;
	stopping = 1;
	FCGX_ShutdownPending();
}

static void
on_reload(int sig)
{
	(void)sig;
	reloading = 1;
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
	set_handler(SIGHUP, SIG_IGN);	/* a reload is the supervisor's */
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

/* This program run with -t on the configuration file: 0 when it loads, with its schemas. */
static int
check_config(void)
{
	char *args[] = { self_argv[0], "-t", "-c", (char *)self_conf, NULL };
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		execv("/proc/self/exe", args);
		_exit(127);
	}
	if (pid < 0)
		return -1;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* SIGHUP: see the top of this file. Returns only when the reload did not happen, with the
 * workers serving as before. */
static void
reload(const struct bc_config *cfg, int sock, pid_t *pids)
{
	char fd[16];
	long i;

	if (self_conf == NULL || check_config() != 0) {
		bc_log(BC_LOG_ERROR, NULL, "reload refused: %s; still serving as before",
		    self_conf == NULL ? "started without -c, there is no file to read again" :
		    "the configuration or the schemas do not load (the lines above say why)");
		return;
	}
	bc_log(BC_LOG_INFO, NULL, "reloading: the workers finish their requests, then the service "
	    "starts again with the configuration and catalogue read afresh");
	stop_workers(pids, cfg->workers);
	if (stopping)
		return;
	snprintf(fd, sizeof(fd), "%d", sock);
	if (fcntl(sock, F_SETFD, 0) == 0 && setenv(LISTEN_FD_ENV, fd, 1) == 0 &&
	    setenv(LISTEN_PATH_ENV, cfg->listen, 1) == 0)
		execv("/proc/self/exe", self_argv);
	bc_log(BC_LOG_ERROR, NULL, "reload failed: cannot start afresh: %s; still serving as "
	    "before", strerror(errno));
	for (i = 0; i < cfg->workers; i++)
		pids[i] = spawn(cfg, sock);
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
		if (reloading) {
			reloading = 0;
			reload(cfg, sock, pids);
			continue;
		}
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

/* The socket a reload handed over, or -1 when this is a fresh start. cfg->listen becomes
 * the path it listens on, so that the socket removed at the end is the one in use. */
static int
inherited_socket(struct bc_config *cfg)
{
	const char *v = getenv(LISTEN_FD_ENV), *path = getenv(LISTEN_PATH_ENV);
	struct stat st;
	char *end;
	long fd;

	if (v == NULL || path == NULL)
		return -1;
	fd = strtol(v, &end, 10);
	if (*end != '\0' || fd < 0 || fd > 65535 || fstat((int)fd, &st) != 0 ||
	    !S_ISSOCK(st.st_mode))
		fd = -1;
	else if (strcmp(path, cfg->listen) != 0) {
		bc_log(BC_LOG_WARN, NULL, "listen changed to %s: that takes a restart; still "
		    "listening on %s", cfg->listen, path);
		snprintf(cfg->listen, sizeof(cfg->listen), "%s", path);
	}
	if (fd >= 0)
		fcntl((int)fd, F_SETFD, FD_CLOEXEC);	/* no further program needs it */
	unsetenv(LISTEN_FD_ENV);
	unsetenv(LISTEN_PATH_ENV);
	return (int)fd;
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
	int sock, opt, rc = 1, check_only = 0;
	const char *conf = NULL;
	long i;

	while ((opt = getopt(argc, argv, "c:t")) != -1) {
		if (opt == 't') {
			check_only = 1;
			continue;
		}
		if (opt != 'c') {
			fprintf(stderr, "usage: %s [-t] -c baocao.conf\n", argv[0]);
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
	if (check_only) {
		fprintf(stderr, "baocao: %s and the catalogue of %s load\n",
		    conf != NULL ? conf : "the defaults", cfg.schema_dir);
		rc = 0;
		goto cleanup;
	}
	if (mysql_library_init(0, NULL, NULL) != 0 || FCGX_Init() != 0) {
		fprintf(stderr, "baocao: cannot initialise libraries\n");
		goto cleanup;
	}
	if ((sock = inherited_socket(&cfg)) < 0 && (sock = open_socket(cfg.listen)) < 0) {
		fprintf(stderr, "baocao: cannot listen on %s: %s\n", cfg.listen, strerror(errno));
		goto cleanup;
	}
	if ((pids = calloc((size_t)cfg.workers, sizeof(*pids))) == NULL)
		goto cleanup;
	self_argv = argv;
	self_conf = conf;
	set_handler(SIGTERM, on_stop);
	set_handler(SIGINT, on_stop);
	set_handler(SIGHUP, on_reload);
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
