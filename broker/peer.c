/* placeholder */
typedef int broker_peer_c_empty;
