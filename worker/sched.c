/* placeholder */
typedef int worker_sched_c_empty;
