/* placeholder */
typedef int broker_spawn_c_empty;
