#ifndef SARABAN_CPANGOCAIRO_SHIM_H
#define SARABAN_CPANGOCAIRO_SHIM_H
// Swift cannot import C macros or variadic functions; these inline helpers stand in for them.
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <pango/pangoft2.h>
#include <fontconfig/fontconfig.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <dlfcn.h>
#include <malloc.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>

static inline void saraban_g_object_unref(void *object) { if (object) g_object_unref(object); }

/* librsvg is opened when the first SVG is read (see SarabanGraphics' SVGLibrary), so that a
   start does not load it and the libraries it brings (libxml2, ICU, gdk-pixbuf). What Saraban
   calls of it, as librsvg 2.52+ declares it: */
typedef struct _RsvgHandle RsvgHandle;
typedef struct { double x, y, width, height; } RsvgRectangle;
typedef struct { double length; int unit; } RsvgLength;
typedef RsvgHandle *(*saraban_rsvg_new_from_data)(const guint8 *data, gsize length, GError **error);
typedef gboolean (*saraban_rsvg_get_intrinsic_size_in_pixels)(RsvgHandle *handle, gdouble *width, gdouble *height);
typedef void (*saraban_rsvg_get_intrinsic_dimensions)(RsvgHandle *handle, gboolean *has_width, RsvgLength *width,
                                                      gboolean *has_height, RsvgLength *height,
                                                      gboolean *has_viewbox, RsvgRectangle *viewbox);
typedef gboolean (*saraban_rsvg_render_document)(RsvgHandle *handle, cairo_t *cr, const RsvgRectangle *viewport, GError **error);
static inline void *saraban_dlopen(const char *name) { return dlopen(name, RTLD_NOW | RTLD_LOCAL); }
/* gdk-pixbuf, opened only when a JPEG picture is read (it comes with librsvg). */
typedef struct _GdkPixbuf GdkPixbuf;
typedef GdkPixbuf *(*saraban_pixbuf_new_from_file)(const char *filename, GError **error);
typedef int (*saraban_pixbuf_get_int)(const GdkPixbuf *pixbuf);
typedef guint8 *(*saraban_pixbuf_get_pixels)(const GdkPixbuf *pixbuf);

/* glibc's allocator: blocks up to 4 MB from the heap, not each from a fresh mmap. */
static inline void saraban_keep_large_blocks_on_heap(void) {
    mallopt(M_MMAP_THRESHOLD, 4 << 20);
    mallopt(M_TRIM_THRESHOLD, 8 << 20);
}
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

/* Writes a Cairo RGB24 image as PNG with fast compression: previews are written on every save,
   and libpng's default effort costs more than drawing the page. Returns 0 on success. */
static inline int saraban_write_png_fast(const char *path, const unsigned char *data, int width, int height, int stride) {
    FILE *file = fopen(path, "wb");
    if (!file) return 1;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!png || !info || setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, info ? &info : NULL);
        fclose(file);
        return 2;
    }
    png_init_io(png, file);
    png_set_compression_level(png, 1);
    png_set_filter(png, 0, PNG_FILTER_SUB);
    png_set_IHDR(png, info, width, height, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    /* Cairo stores each pixel as a native-endian 32-bit xRGB word: B, G, R, x in memory here. */
    png_set_bgr(png);
    png_set_filler(png, 0, PNG_FILLER_AFTER);
    for (int y = 0; y < height; y++) png_write_row(png, (png_const_bytep)(data + y * stride));
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    return fclose(file) == 0 ? 0 : 3;
}
#endif
