#ifndef SDGPIPE_CZLIB_SHIM_H
#define SDGPIPE_CZLIB_SHIM_H
// zlib's gzip file functions: `.gz` sources are decompressed as they are read (`CompressedInput`).
#include <zlib.h>
#endif
