/*
 * The OS layer of the sandbox: what the kernel enforces, whatever the Lua
 * side gets wrong (spec section 6, design.md "Isolation").
 *
 * A strict worker calls isolate_lock() while it waits for INIT (off the
 * spawn's clock): no new privileges, not dumpable, and the seccomp filter,
 * which still allows prlimit64 on itself and one more filter.
 * isolate_apply() runs once, after the socket, the event base and INIT and
 * before any user code. With every sandbox it sets the backstops of the
 * host's limits: RLIMIT_CORE 0, RLIMIT_AS a little above memory_limit (for
 * memory taken outside the Lua allocator), RLIMIT_CPU a little above
 * cpu_limit (for long C calls where the count hook never runs; the broker
 * reads SIGXCPU as reason "cpu"). With sandbox "strict" it then locks the
 * process in: RLIMIT_FSIZE 0, RLIMIT_NOFILE 0 (no new descriptor at all),
 * PR_SET_DUMPABLE 0 (under a root broker), PR_SET_NO_NEW_PRIVS, and a
 * seccomp filter allowing only the calls the event loop makes on the
 * descriptors it already has (isolate_lock, if it has not run), then the
 * second filter, which refuses prlimit64 and PR_SET_SECCOMP again. The
 * kernel applies every filter to every call and the strictest answer
 * wins, and no filter can be removed: after the second, the two together
 * allow exactly what the first did without those two. Between them only
 * the worker's own code runs (reading INIT, setting the limits).
 *
 * A refused call raises SIGSYS (SCMP_ACT_TRAP); the handler reports the
 * call by name in FB_EXIT and ends the process. It runs synchronously in
 * place of the refused call, never inside the allocator or the event loop
 * (their calls are all allowed), so it may use them.
 */
#include "config.h"

#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/ioctl.h>

#include <linux/filter.h>
#include <linux/seccomp.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <seccomp.h>

#include "forkbox/proto.h"
#include "log.h"
#include "worker.h"

#define ISOLATE_MIB		(1024ULL * 1024)
#define ISOLATE_AS_SLACK	(32 * ISOLATE_MIB)

/* Address space mapped before INIT, sampled by isolate_prepare. */
static uint64_t	isolate_vm;

/* Our /proc/self/statm, kept open by the strict zygote (isolate_keep),
 * which samples again once confined, where there is no /proc. */
static int	isolate_statm = -1;

/* Address space mapped now (binary, libraries, heap, stacks), in bytes;
 * 0 when unknown. */
static uint64_t
isolate_vmsize(void)
{
	unsigned long long	pages = 0;
	char			buf[128];
	ssize_t			n;
	int			fd = isolate_statm;

	if (fd == -1 && (fd = open("/proc/self/statm", O_RDONLY |
	    O_CLOEXEC)) == -1)
		return (0);
	n = pread(fd, buf, sizeof buf - 1, 0);
	if (fd != isolate_statm)
		close(fd);
	if (n <= 0)
		return (0);
	buf[n] = '\0';
	if (sscanf(buf, "%llu", &pages) != 1)
		pages = 0;
	return (pages * (uint64_t)sysconf(_SC_PAGESIZE));
}

/* For a process that calls isolate_prepare again once confined (the
 * strict zygote): keep what it reads open. Its children do not inherit
 * it (worker/zygote.c closes all but their socket). */
void
isolate_keep(void)
{
	if (isolate_statm == -1)
		isolate_statm = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
}

static int
isolate_rlimit(int resource, const char *name, uint64_t soft, uint64_t hard,
    char *err, size_t errlen)
{
	struct rlimit	rl;

	rl.rlim_cur = soft;
	rl.rlim_max = hard;
	if (setrlimit(resource, &rl) == -1) {
		snprintf(err, errlen, "sandbox: setrlimit %s: %s", name,
		    strerror(errno));
		return (-1);
	}
	return (0);
}

/* The backstops: set for every sandbox, trusted code has limits too. */
static int
isolate_limits(const struct worker_limits *limits, char *err, size_t errlen)
{
	uint64_t	as, vm, cpu;

	if (isolate_rlimit(RLIMIT_CORE, "RLIMIT_CORE", 0, 0, err,
	    errlen) != 0)
		return (-1);
	/* Room for what was mapped before INIT, INIT itself (read and
	 * decoded), the Lua heap, and buffers outside it: a message being
	 * read and its decoded copy. */
	if (limits->memory_limit != 0 && (vm = isolate_vm) != 0) {
		as = vm + limits->memory_limit + 2 * limits->max_message_size +
		    2 * limits->init_bytes + ISOLATE_AS_SLACK;
		if (isolate_rlimit(RLIMIT_AS, "RLIMIT_AS", as, as, err,
		    errlen) != 0)
			return (-1);
	}
	/* A second more than the hook allows, so the hook reports first
	 * whenever Lua code is running. */
	if (limits->cpu_limit_ms != 0) {
		cpu = (limits->cpu_limit_ms + 999) / 1000 + 1;
		if (isolate_rlimit(RLIMIT_CPU, "RLIMIT_CPU", cpu, cpu + 1, err,
		    errlen) != 0)
			return (-1);
	}
	return (0);
}

/* A refused system call: say which, then end. */
static void
isolate_sigsys(int sig, siginfo_t *si, void *uc)
{
	char	 msg[128], *name;

	name = seccomp_syscall_resolve_num_arch(si->si_arch, si->si_syscall);
	if (name != NULL)
		snprintf(msg, sizeof msg, "sandbox: system call %s is not "
		    "allowed", name);
	else
		snprintf(msg, sizeof msg, "sandbox: system call %d is not "
		    "allowed", si->si_syscall);
	worker_exit_status("sandbox", msg);
}

/* One allow rule; cmp may be NULL. */
static int
isolate_allow(scmp_filter_ctx ctx, int nr, unsigned int ncmp,
    const struct scmp_arg_cmp *cmp)
{
	/* A call this architecture does not have is not an error. */
	if (nr < 0)
		return (0);
	return (seccomp_rule_add_array(ctx, SCMP_ACT_ALLOW, nr, ncmp, cmp));
}

/* The filter: exactly what the loop needs (see the strace in the commit
 * that added this), on the descriptors the worker has, signals only to
 * pid self. Returns the filter, or NULL with err. */
static scmp_filter_ctx
isolate_filter_ctx(pid_t self, char *err, size_t errlen)
{
	static const int	 plain[] = {
		SCMP_SYS(epoll_wait), SCMP_SYS(epoll_pwait),
		SCMP_SYS(epoll_pwait2), SCMP_SYS(epoll_ctl),
		SCMP_SYS(clock_gettime), SCMP_SYS(clock_getres),
		SCMP_SYS(gettimeofday), SCMP_SYS(time),
		SCMP_SYS(brk), SCMP_SYS(munmap),
		SCMP_SYS(getpid), SCMP_SYS(getppid), SCMP_SYS(gettid),
		SCMP_SYS(rt_sigprocmask), SCMP_SYS(rt_sigreturn),
		SCMP_SYS(restart_syscall),
		SCMP_SYS(exit), SCMP_SYS(exit_group),
	};
	static const int	 advice[] = {
		MADV_NORMAL, MADV_RANDOM, MADV_SEQUENTIAL, MADV_WILLNEED,
		MADV_DONTNEED, MADV_FREE, MADV_HUGEPAGE, MADV_NOHUGEPAGE,
	};
	static const int	 remap[] = { 0, MREMAP_MAYMOVE };
	static const int	 options[] = {
		PR_GET_DUMPABLE, PR_GET_NAME, PR_GET_SECCOMP,
		PR_GET_NO_NEW_PRIVS,
	};
	struct scmp_arg_cmp	 noexec = SCMP_A2(SCMP_CMP_MASKED_EQ,
				    PROT_EXEC, 0);
	struct scmp_arg_cmp	 sock = SCMP_A0(SCMP_CMP_EQ, FB_WORKER_FD);
	struct scmp_arg_cmp	 cmp[2];
	scmp_filter_ctx		 ctx;
	size_t			 i;
	int			 fd, r = 0;

	if ((ctx = seccomp_init(SCMP_ACT_TRAP)) == NULL) {
		snprintf(err, errlen, "sandbox: seccomp_init failed");
		return (NULL);
	}
	r |= seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH,
	    SCMP_ACT_KILL_PROCESS);
	/* The calls as a binary tree, not a list. Installing a filter, the
	 * kernel runs it for every system call number to find those it
	 * always allows (seccomp_cache_prepare), with interrupts off: on
	 * the list, ~35 instructions each, most of the install's time. */
	r |= seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2);
	for (i = 0; i < sizeof plain / sizeof plain[0]; i++)
		r |= isolate_allow(ctx, plain[i], 0, NULL);

	/* Memory, never executable (no code of its own, ever: an exploit
	 * of the interpreter finds no place to put shellcode). */
	r |= isolate_allow(ctx, SCMP_SYS(mmap), 1, &noexec);
	r |= isolate_allow(ctx, SCMP_SYS(mprotect), 1, &noexec);
	/* Resizing in place or moving (realloc), never onto a chosen
	 * address, which could replace mappings the worker relies on. */
	for (i = 0; i < sizeof remap / sizeof remap[0]; i++) {
		cmp[0] = (struct scmp_arg_cmp)SCMP_A3(SCMP_CMP_EQ, remap[i]);
		r |= isolate_allow(ctx, SCMP_SYS(mremap), 1, cmp);
	}
	/* The advice malloc gives; not DONTFORK, MERGEABLE, HWPOISON, ... */
	for (i = 0; i < sizeof advice / sizeof advice[0]; i++) {
		cmp[0] = (struct scmp_arg_cmp)SCMP_A2(SCMP_CMP_EQ, advice[i]);
		r |= isolate_allow(ctx, SCMP_SYS(madvise), 1, cmp);
	}
	/* prctl only to read: no dumpable, no ptracer, no new filter, no
	 * memory map editing. */
	for (i = 0; i < sizeof options / sizeof options[0]; i++) {
		cmp[0] = (struct scmp_arg_cmp)SCMP_A0(SCMP_CMP_EQ, options[i]);
		r |= isolate_allow(ctx, SCMP_SYS(prctl), 1, cmp);
	}

	/* The broker socket; stdout and stderr for the log. */
	r |= isolate_allow(ctx, SCMP_SYS(read), 1, &sock);
	r |= isolate_allow(ctx, SCMP_SYS(readv), 1, &sock);
	for (fd = STDOUT_FILENO; fd <= FB_WORKER_FD; fd++) {
		cmp[0] = (struct scmp_arg_cmp)SCMP_A0(SCMP_CMP_EQ, fd);
		r |= isolate_allow(ctx, SCMP_SYS(write), 1, cmp);
		r |= isolate_allow(ctx, SCMP_SYS(writev), 1, cmp);
	}
	cmp[0] = sock;
	cmp[1] = (struct scmp_arg_cmp)SCMP_A1(SCMP_CMP_EQ, FIONREAD);
	r |= isolate_allow(ctx, SCMP_SYS(ioctl), 2, cmp);
	cmp[1] = (struct scmp_arg_cmp)SCMP_A1(SCMP_CMP_EQ, F_GETFL);
	r |= isolate_allow(ctx, SCMP_SYS(fcntl), 2, cmp);
	cmp[1] = (struct scmp_arg_cmp)SCMP_A1(SCMP_CMP_EQ, F_SETFL);
	r |= isolate_allow(ctx, SCMP_SYS(fcntl), 2, cmp);
	/* The end of the stream after EXIT (worker_exit), not a close: a
	 * process that ends it early is killed as one that closed it. */
	cmp[1] = (struct scmp_arg_cmp)SCMP_A1(SCMP_CMP_EQ, SHUT_WR);
	r |= isolate_allow(ctx, SCMP_SYS(shutdown), 2, cmp);

	/* Signals to itself only (abort, raise). */
	cmp[0] = (struct scmp_arg_cmp)SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)self);
	r |= isolate_allow(ctx, SCMP_SYS(tgkill), 1, cmp);

	/* Only until the second filter (isolate_final_ctx) refuses them
	 * again, before any user code: the limits INIT brings, on itself,
	 * and that filter. */
	cmp[0] = (struct scmp_arg_cmp)SCMP_A0(SCMP_CMP_EQ, 0);
	r |= isolate_allow(ctx, SCMP_SYS(prlimit64), 1, cmp);
	cmp[0] = (struct scmp_arg_cmp)SCMP_A0(SCMP_CMP_EQ, PR_SET_SECCOMP);
	r |= isolate_allow(ctx, SCMP_SYS(prctl), 1, cmp);

	if (r != 0) {
		seccomp_release(ctx);
		snprintf(err, errlen, "sandbox: cannot build the seccomp "
		    "filter");
		return (NULL);
	}
	return (ctx);
}

/*
 * The second filter, installed after the limits INIT brings: it refuses
 * what the first allowed only for that (a stricter result wins across
 * filters, and neither can be removed). The first goes on while the
 * worker waits for INIT, off the spawn's clock; this one is a few
 * instructions, cheap to install.
 */
static scmp_filter_ctx
isolate_final_ctx(void)
{
	struct scmp_arg_cmp	cmp = SCMP_A0(SCMP_CMP_EQ, PR_SET_SECCOMP);
	scmp_filter_ctx		ctx;

	if ((ctx = seccomp_init(SCMP_ACT_ALLOW)) == NULL)
		return (NULL);
	if (seccomp_rule_add_array(ctx, SCMP_ACT_TRAP, SCMP_SYS(prlimit64), 0,
	    NULL) != 0 || seccomp_rule_add_array(ctx, SCMP_ACT_TRAP,
	    SCMP_SYS(prctl), 1, &cmp) != 0) {
		seccomp_release(ctx);
		return (NULL);
	}
	return (ctx);
}

/*
 * The filters as BPF programs, built once by the zygote for every child
 * (libseccomp's work, a good part of a spawn, is then done once), or by
 * an exec'd worker before INIT: the first for signals to
 * ISOLATE_SELF_MARK, a number no pid can be, which each child replaces by
 * its own pid. NULL filter: not built.
 */
#define ISOLATE_SELF_MARK	0x7ffffff7	/* above any pid_max */
static struct sock_fprog	isolate_prog, isolate_final_prog;
static int			isolate_locked;	/* the first is on */

/* ctx as a program in *prog (released either way); 0 or -1. */
static int
isolate_export(scmp_filter_ctx ctx, struct sock_fprog *prog)
{
	struct stat	 st;
	void		*buf = NULL;
	int		 fd;

	if (ctx == NULL)
		return (-1);
	if ((fd = memfd_create("seccomp", MFD_CLOEXEC)) != -1 &&
	    seccomp_export_bpf(ctx, fd) == 0 && fstat(fd, &st) == 0 &&
	    st.st_size > 0 && st.st_size % sizeof(struct sock_filter) == 0 &&
	    st.st_size / sizeof(struct sock_filter) <= BPF_MAXINSNS &&
	    (buf = malloc((size_t)st.st_size)) != NULL &&
	    pread(fd, buf, (size_t)st.st_size, 0) == st.st_size) {
		prog->filter = buf;
		prog->len = (unsigned short)(st.st_size /
		    sizeof(struct sock_filter));
	} else {
		free(buf);
		buf = NULL;
	}
	if (fd != -1)
		close(fd);
	seccomp_release(ctx);
	return (buf != NULL ? 0 : -1);
}

void
isolate_prebuild(void)
{
	char	err[128];

	if (isolate_prog.filter != NULL)
		return;
	if (isolate_export(isolate_filter_ctx(ISOLATE_SELF_MARK, err,
	    sizeof err), &isolate_prog) != 0)
		return;
	if (isolate_export(isolate_final_ctx(), &isolate_final_prog) != 0) {
		free(isolate_prog.filter);
		isolate_prog.filter = NULL;
	}
}

/* Install prog. Returns 0, or -1 with err. */
static int
isolate_install(struct sock_fprog *prog, char *err, size_t errlen)
{
	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, prog, 0, 0) == -1) {
		snprintf(err, errlen, "sandbox: PR_SET_SECCOMP: %s",
		    strerror(errno));
		return (-1);
	}
	return (0);
}

/* Load the first prebuilt program with our pid in it, patched in a
 * copy (the kernel keeps its own once installed): the zygote's program
 * stays on a page its children share. Returns 0, or -1 with err. */
static int
isolate_load_prebuilt(char *err, size_t errlen)
{
	struct sock_fprog	 prog = isolate_prog;
	size_t			 size = prog.len * sizeof *prog.filter;
	unsigned		 i, marks = 0;
	int			 r;

	if ((prog.filter = malloc(size)) == NULL) {
		snprintf(err, errlen, "sandbox: no memory for the filter");
		return (-1);
	}
	memcpy(prog.filter, isolate_prog.filter, size);
	for (i = 0; i < prog.len; i++) {
		if (BPF_CLASS(prog.filter[i].code) == BPF_JMP &&
		    BPF_SRC(prog.filter[i].code) == BPF_K &&
		    prog.filter[i].k == ISOLATE_SELF_MARK) {
			prog.filter[i].k = (uint32_t)getpid();
			marks++;
		}
	}
	if (marks == 0) {
		snprintf(err, errlen, "sandbox: the prebuilt filter has no "
		    "place for the pid");
		free(prog.filter);
		return (-1);
	}
	r = isolate_install(&prog, err, errlen);
	free(prog.filter);
	return (r);
}

/*
 * Sandbox "strict", the part that does not depend on INIT: no
 * privileges, and the first filter (everything the loop needs, and the
 * limits and the second filter still allowed). A strict worker does this
 * while it waits for INIT; its own code alone runs until isolate_apply
 * has set the limits and installed the second filter. Returns 0, or -1
 * with err.
 */
int
isolate_lock(char *err, size_t errlen)
{
	struct sigaction	sa;

	/* The worker logs through the broker (worker_log_sink), never to a
	 * file; should a stray write reach a file on fd 1 or 2 all the same,
	 * it fails with EFBIG instead of SIGXFSZ ending the process. */
	signal(SIGXFSZ, SIG_IGN);
	/* Not dumpable: only root may read its memory or /proc files. A
	 * broker without root keeps them open to its own user (who may
	 * ptrace the broker itself anyway), so that tests and operators
	 * can see what the worker holds (confine.c). */
	if (prctl(PR_SET_DUMPABLE, worker.owner_inspects ? 1 : 0, 0, 0,
	    0) == -1) {
		snprintf(err, errlen, "sandbox: PR_SET_DUMPABLE: %s",
		    strerror(errno));
		return (-1);
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1) {
		snprintf(err, errlen, "sandbox: PR_SET_NO_NEW_PRIVS: %s",
		    strerror(errno));
		return (-1);
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = isolate_sigsys;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSYS, &sa, NULL) == -1) {
		snprintf(err, errlen, "sandbox: sigaction SIGSYS: %s",
		    strerror(errno));
		return (-1);
	}
	isolate_prebuild();
	if (isolate_prog.filter == NULL) {
		snprintf(err, errlen, "sandbox: cannot build the seccomp "
		    "filter");
		return (-1);
	}
	if (isolate_load_prebuilt(err, errlen) != 0)
		return (-1);
	isolate_locked = 1;
	return (0);
}

/* Sandbox "strict", after the limits: no files, no new descriptors, and
 * the second filter. Returns 0, or -1 with err. */
static int
isolate_lockdown(char *err, size_t errlen)
{
	if (!isolate_locked && isolate_lock(err, errlen) != 0)
		return (-1);
	if (isolate_rlimit(RLIMIT_FSIZE, "RLIMIT_FSIZE", 0, 0, err,
	    errlen) != 0)
		return (-1);
	if (isolate_rlimit(RLIMIT_NOFILE, "RLIMIT_NOFILE", 0, 0, err,
	    errlen) != 0)
		return (-1);
	return (isolate_install(&isolate_final_prog, err, errlen));
}

/*
 * Before the worker is confined (confine.c) and can no longer see the
 * file system: what isolate_apply needs from it. os.date reads
 * /etc/localtime on first use, and without TZ glibc stats it again on
 * every mktime: name it once, read it now.
 */
void
isolate_prepare(void)
{
	if (getenv("TZ") == NULL)
		(void)setenv("TZ", ":/etc/localtime", 0);
	tzset();
	isolate_vm = isolate_vmsize();
}

/* Returns 0, or -1 with err: the process must not run user code then. */
int
isolate_apply(const struct worker_limits *limits, char *err, size_t errlen)
{
	if (!limits->sandbox_strict && isolate_locked) {
		snprintf(err, errlen, "sandbox: a strict worker was given a "
		    "trusted process");
		return (-1);
	}
	if (isolate_limits(limits, err, errlen) != 0)
		return (-1);
	if (!limits->sandbox_strict)
		return (0);
	return (isolate_lockdown(err, errlen));
}

#ifdef FORKBOX_TEST_HOOKS
/*
 * Test hook (the test build only): make one raw system call the way
 * an escaping script would, so the filter and the limits are what stops
 * it. Returns the call's result, or -1 with errno set; EINVAL for an
 * unknown name.
 */
long
isolate_test_call(const char *name, long a, long b)
{
	char	*argv[] = { (char *)"/bin/true", NULL };
	void	*p;
	long	 r;

	if (strcmp(name, "open") == 0)
		return (syscall(SYS_openat, AT_FDCWD, "/etc/hostname",
		    O_RDONLY));
	if (strcmp(name, "socket") == 0)
		return (syscall(SYS_socket, AF_INET, SOCK_STREAM, 0));
	if (strcmp(name, "fork") == 0) {
		r = syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0);
		if (r == 0)
			_exit(0);	/* a child must not run Lua */
		return (r);
	}
	if (strcmp(name, "execve") == 0)
		return (syscall(SYS_execve, argv[0], argv, NULL));
	if (strcmp(name, "ptrace") == 0)
		return (syscall(SYS_ptrace, PTRACE_ATTACH, a, 0, 0));
	if (strcmp(name, "kill") == 0)
		return (syscall(SYS_kill, a, b));
	if (strcmp(name, "close") == 0)
		return (syscall(SYS_close, a));
	if (strcmp(name, "socket_sigsys_blocked") == 0) {
		/* the handler cannot run: the kernel's SIGSYS kills */
		sigset_t	set;

		sigemptyset(&set);
		sigaddset(&set, SIGSYS);
		sigprocmask(SIG_BLOCK, &set, NULL);
		return (syscall(SYS_socket, AF_INET, SOCK_STREAM, 0));
	}
	if (strcmp(name, "mmap_exec") == 0) {
		p = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		return (p == MAP_FAILED ? -1 : 0);
	}
	if (strcmp(name, "mprotect_exec") == 0) {
		p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			return (-1);
		return (mprotect(p, 4096, PROT_READ | PROT_EXEC));
	}
	if (strcmp(name, "madvise") == 0) {	/* a chosen advice */
		p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			return (-1);
		return (madvise(p, 4096, (int)a));
	}
	if (strcmp(name, "mremap_fixed") == 0) {
		p = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			return (-1);
		return (mremap(p, 4096, 4096, MREMAP_MAYMOVE | MREMAP_FIXED,
		    (char *)p + 4096) == MAP_FAILED ? -1 : 0);
	}
	if (strcmp(name, "prctl") == 0)		/* a chosen option */
		return (prctl((int)a, b, 0, 0, 0));
	if (strcmp(name, "prlimit") == 0) {	/* limit a to b, on itself */
		struct rlimit	rl;

		rl.rlim_cur = rl.rlim_max = (rlim_t)b;
		return (syscall(SYS_prlimit64, 0, a, &rl, NULL));
	}
	if (strcmp(name, "mmap") == 0) {
		/* Outside the Lua allocator: only RLIMIT_AS bounds it. */
		p = mmap(NULL, (size_t)a, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			return (-1);
		munmap(p, (size_t)a);
		return (0);
	}
	errno = EINVAL;
	return (-1);
}
#endif /* FORKBOX_TEST_HOOKS */
