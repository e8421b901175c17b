/* placeholder */
typedef int worker_conn_c_empty;
