/* placeholder */
typedef int broker_app_c_empty;
