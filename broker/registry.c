/* placeholder */
typedef int broker_registry_c_empty;
