#ifndef SARABAN_CPANGOCAIRO_SHIM_H
#define SARABAN_CPANGOCAIRO_SHIM_H
// Swift cannot import C macros or variadic functions; these inline helpers stand in for them.
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <pango/pangoft2.h>
#include <fontconfig/fontconfig.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <librsvg/rsvg.h>

static inline void saraban_g_object_unref(void *object) { if (object) g_object_unref(object); }
static inline int saraban_pango_scale(void) { return PANGO_SCALE; }
static inline PangoFontMap *saraban_fc_font_map_new(FcConfig *config) {
    PangoFontMap *map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    if (map && config) pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map), config);
    return map;
}
static inline PangoGlyphItem *saraban_glyph_item(GSList *node) { return (PangoGlyphItem *)node->data; }
static inline GSList *saraban_slist_next(GSList *node) { return node->next; }
static inline void saraban_free(void *p) { g_free(p); }
static inline void saraban_error_free(GError *e) { if (e) g_error_free(e); }
#endif
