/* placeholder */
typedef int broker_reap_c_empty;
