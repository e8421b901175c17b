/* placeholder */
typedef int broker_proc_c_empty;
