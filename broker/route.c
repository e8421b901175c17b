/* placeholder */
typedef int broker_route_c_empty;
