#ifndef SARABAN_CCMARKGFM_SHIM_H
#define SARABAN_CCMARKGFM_SHIM_H
// cmark-gfm, GitHub's CommonMark parser, and its extensions (tables).
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#endif
