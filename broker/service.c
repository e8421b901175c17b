/*
 * Services (spec section 7): process.service entries started with the app
 * and restarted after an abnormal exit, waiting initial_delay, then twice
 * as long after each consecutive failure, up to max_delay. After
 * max_attempts consecutive failures (0: no limit) the service is given up;
 * the app keeps running. A run that lasted at least max_delay counts as
 * stable: its failure starts the count and the delay afresh. A normal exit
 * is not restarted (the service finished its work).
 */
#include "config.h"

#include <sys/time.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/event.h>

#include "broker.h"
#include "duration.h"
#include "log.h"

enum service_state {
	SERVICE_IDLE,		/* not auto_start, never started */
	SERVICE_RUNNING,
	SERVICE_BACKOFF,	/* waiting to restart */
	SERVICE_EXITED,		/* ended normally, not restarted */
	SERVICE_FAILED,		/* given up */
	SERVICE_STOPPED,	/* the broker is stopping */
};

static const char *const service_states[] = {
	"idle", "running", "backoff", "exited", "failed", "stopped"
};

struct service {
	struct app_entry	*def;		/* the process.service entry */
	struct app_entry	*entry;		/* its process.lua */
	struct app_entry	*host;
	char			*args;		/* input, a JSON array */
	enum service_state	 state;
	uint64_t		 proc_id;	/* 0 when not running */
	struct timeval		 started;
	unsigned		 failures;	/* consecutive */
	unsigned		 restarts;
	int64_t			 delay_us;	/* before the next restart */
	struct event		*timer;
	struct timeval		 retry_at;
};

static struct service	*services;
static size_t		 nservices;
static int		 service_stopping;

static void	service_spawn(struct service *);

static int64_t
service_since(const struct timeval *tv)
{
	struct timeval	now, d;

	gettimeofday(&now, NULL);
	timersub(&now, tv, &d);
	return ((int64_t)d.tv_sec * 1000000 + d.tv_usec);
}

static void
service_retry(evutil_socket_t fd, short what, void *arg)
{
	struct service	*s = arg;

	s->restarts++;
	service_spawn(s);
}

/* The process ended abnormally (or could not start): restart it after
 * the backoff delay, or give up. */
static void
service_failed(struct service *s, const char *reason, const char *error,
    int64_t uptime)
{
	const struct app_service	*cfg = &s->def->service;
	struct timeval			 tv;
	char				 d[32], u[32], of[32] = "";

	if (uptime >= cfg->max_delay_us) {
		s->failures = 0;
		s->delay_us = cfg->initial_delay_us;
	}
	s->failures++;
	if (cfg->max_attempts != 0 && s->failures >= cfg->max_attempts) {
		s->state = SERVICE_FAILED;
		log_warnx("service %s: gave up after %u consecutive failures "
		    "(last: %s: %s); the app keeps running", s->def->ref,
		    s->failures, reason, error != NULL ? error : reason);
		return;
	}
	if (cfg->max_attempts != 0)
		snprintf(of, sizeof of, " of %u", cfg->max_attempts);
	log_warnx("service %s: failed after %s (%s: %s); restart in %s "
	    "(failure %u%s)", s->def->ref,
	    duration_format(uptime, u, sizeof u), reason,
	    error != NULL ? error : reason,
	    duration_format(s->delay_us, d, sizeof d), s->failures, of);
	s->state = SERVICE_BACKOFF;
	tv.tv_sec = s->delay_us / 1000000;
	tv.tv_usec = s->delay_us % 1000000;
	gettimeofday(&s->retry_at, NULL);
	timeradd(&s->retry_at, &tv, &s->retry_at);
	evtimer_add(s->timer, &tv);
	s->delay_us *= 2;
	if (s->delay_us > cfg->max_delay_us)
		s->delay_us = cfg->max_delay_us;
}

static void
service_spawn(struct service *s)
{
	struct proc	*p;
	char		 err[512];

	if (service_stopping)
		return;
	p = spawn_proc(s->entry, s->host, s->args, strlen(s->args), err,
	    sizeof err);
	if (p == NULL) {
		s->proc_id = 0;
		service_failed(s, "error", err, 0);
		return;
	}
	s->proc_id = p->id;
	s->state = SERVICE_RUNNING;
	gettimeofday(&s->started, NULL);
	log_info("service %s: started %s", s->def->ref, p->pid);
}

static struct service *
service_find(const struct proc *p)
{
	size_t	i;

	for (i = 0; i < nservices; i++)
		if (services[i].proc_id == p->id)
			return (&services[i]);
	return (NULL);
}

static void
service_exit(struct proc *p, const char *reason, const char *error,
    void *arg)
{
	struct service	*s;

	if ((s = service_find(p)) == NULL)
		return;
	s->proc_id = 0;
	if (service_stopping) {
		s->state = SERVICE_STOPPED;
		return;
	}
	if (strcmp(reason, "normal") == 0) {
		s->state = SERVICE_EXITED;
		s->failures = 0;
		log_info("service %s: %s exited normally; not restarted",
		    s->def->ref, p->pid);
		return;
	}
	service_failed(s, reason, error, service_since(&s->started));
}

/* Build the table from the app's process.service entries (the loader
 * checked their refs). */
void
service_init(void)
{
	struct app	*app = broker->app;
	struct service	*s;
	size_t		 i;

	for (i = 0; i < app->nentries; i++)
		if (app->entries[i]->kind == APP_SERVICE)
			nservices++;
	if (nservices > 0 &&
	    (services = calloc(nservices, sizeof *services)) == NULL)
		fatal("calloc");
	s = services;
	for (i = 0; i < app->nentries; i++) {
		if (app->entries[i]->kind != APP_SERVICE)
			continue;
		s->def = app->entries[i];
		s->entry = app_find(app, s->def->service.process, APP_PROCESS);
		s->host = proc_host(s->def->service.host);
		if (s->entry == NULL || s->host == NULL)
			fatalx("service %s: unknown process or host",
			    s->def->ref);
		s->args = json_dumps(s->def->service.input, JSON_COMPACT);
		s->timer = evtimer_new(broker->base, service_retry, s);
		if (s->args == NULL || s->timer == NULL)
			fatalx("out of memory");
		s->delay_us = s->def->service.initial_delay_us;
		s++;
	}
	reap_observe(service_exit, NULL);
}

/* Start every auto_start service; returns how many. */
size_t
service_start(void)
{
	size_t	i, n = 0;

	for (i = 0; i < nservices; i++) {
		if (!services[i].def->service.auto_start)
			continue;
		service_spawn(&services[i]);
		n++;
	}
	return (n);
}

/* The broker is stopping: no more restarts. */
void
service_stop(void)
{
	size_t	i;

	service_stopping = 1;
	for (i = 0; i < nservices; i++) {
		evtimer_del(services[i].timer);
		if (services[i].state == SERVICE_BACKOFF)
			services[i].state = SERVICE_STOPPED;
	}
}

void
service_free(void)
{
	size_t	i;

	for (i = 0; i < nservices; i++) {
		event_free(services[i].timer);
		free(services[i].args);
	}
	free(services);
	services = NULL;
	nservices = 0;
	service_stopping = 0;
}

/* The service p runs for, and how often it was restarted. */
const char *
service_of(const struct proc *p, unsigned *restarts)
{
	struct service	*s = service_find(p);

	*restarts = s != NULL ? s->restarts : 0;
	return (s != NULL ? s->def->ref : NULL);
}

/* For forkbox ps: one object per service. */
json_t *
service_json(void)
{
	struct service	*s;
	struct proc	*p;
	struct timeval	 now, left;
	json_t		*a, *o;
	char		 id[32];
	size_t		 i;

	if ((a = json_array()) == NULL)
		return (NULL);
	gettimeofday(&now, NULL);
	for (i = 0; i < nservices; i++) {
		s = &services[i];
		p = s->proc_id != 0 ? proc_find_id(s->proc_id) : NULL;
		o = json_pack("{s:s,s:s,s:s,s:I,s:I}", "service", s->def->ref,
		    "process", s->entry->ref, "state", service_states[s->state],
		    "restarts", (json_int_t)s->restarts,
		    "failures", (json_int_t)s->failures);
		if (o == NULL || json_array_append_new(a, o) != 0)
			goto fail;
		if (p != NULL) {
			snprintf(id, sizeof id, "%016" PRIx64, p->pubid);
			if (json_object_set_new(o, "pid",
			    json_string(p->pid)) != 0 ||
			    json_object_set_new(o, "id", json_string(id)) != 0)
				goto fail;
		}
		if (s->state == SERVICE_BACKOFF) {
			timersub(&s->retry_at, &now, &left);
			if (json_object_set_new(o, "retry_in",
			    json_real(left.tv_sec + left.tv_usec / 1e6)) != 0)
				goto fail;
		}
	}
	return (a);
fail:
	json_decref(a);
	return (NULL);
}
