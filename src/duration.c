/* placeholder */
typedef int src_duration_c_empty;
