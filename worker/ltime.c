/* placeholder */
typedef int worker_ltime_c_empty;
