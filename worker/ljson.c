/* placeholder */
typedef int worker_ljson_c_empty;
