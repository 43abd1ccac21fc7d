#ifndef SARABAN_CFASTDEFLATE_H
#define SARABAN_CFASTDEFLATE_H
/* Nothing to call: linking this module is what sets the level of Cairo's PDF streams
   (see fast_deflate.c). */
#endif
