/* placeholder */
typedef int worker_sandbox_c_empty;
