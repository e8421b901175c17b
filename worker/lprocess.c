/* placeholder */
typedef int worker_lprocess_c_empty;
