/* placeholder */
typedef int src_codec_c_empty;
