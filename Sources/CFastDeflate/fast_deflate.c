/*
 * Cairo compresses every PDF stream (page contents, the Garuda's vector path, font subsets)
 * with zlib's default level and has no setting to change it. Deflate at that level was 29% of
 * the time to write a letter, for files only 10% smaller than at the fastest level.
 *
 * An executable that defines deflateInit_ is asked first when Cairo's call to it is bound, so
 * this definition, linked into every Saraban program, makes Cairo's streams use level 1.
 * Other callers that pick their own parameters (libpng calls deflateInit2_) are unaffected,
 * and the output is still ordinary Flate that every PDF reader decodes.
 */
#include <zlib.h>
#include "CFastDeflate.h"

int deflateInit_(z_streamp stream, int level, const char *version, int stream_size) {
    (void)level;
    return deflateInit2_(stream, Z_BEST_SPEED, Z_DEFLATED, MAX_WBITS, 8,
                         Z_DEFAULT_STRATEGY, version, stream_size);
}
