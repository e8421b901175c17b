/* placeholder */
typedef int worker_channel_c_empty;
