#ifndef STIPPLE_CLIBPNG_SHIM_H
#define STIPPLE_CLIBPNG_SHIM_H
/*
 * Shim over libpng for Swift. Swift cannot call setjmp/longjmp, so the full
 * (non-simplified) write path lives here as static inline C with its own
 * error handler; it reports failure as a non-zero return and a message.
 * The simplified API's composite macros are exposed as constants.
 */
#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

static const png_uint_32 stipple_png_format_rgba = PNG_FORMAT_RGBA;
static const png_uint_32 stipple_png_image_version = PNG_IMAGE_VERSION;

static inline void stipple_png_image_init(png_image *image) {
    memset(image, 0, sizeof(*image));
    image->version = PNG_IMAGE_VERSION;
}

/* A growable memory sink for png_set_write_fn. */
typedef struct {
    unsigned char *data;
    size_t size;
    size_t capacity;
    int failed;
} stipple_png_buffer;

typedef struct {
    jmp_buf jump;
    char message[256];
} stipple_png_error_context;

static void stipple_png_on_error(png_structp png, png_const_charp msg) {
    stipple_png_error_context *ctx = (stipple_png_error_context *)png_get_error_ptr(png);
    strncpy(ctx->message, msg ? msg : "libpng error", sizeof(ctx->message) - 1);
    ctx->message[sizeof(ctx->message) - 1] = 0;
    longjmp(ctx->jump, 1);
}

static void stipple_png_on_warning(png_structp png, png_const_charp msg) {
    (void)png; (void)msg;
}

static void stipple_png_write_data(png_structp png, png_bytep data, png_size_t length) {
    stipple_png_buffer *buf = (stipple_png_buffer *)png_get_io_ptr(png);
    if (buf->failed) return;
    if (buf->size + length > buf->capacity) {
        size_t cap = buf->capacity ? buf->capacity : 65536;
        while (cap < buf->size + length) cap *= 2;
        unsigned char *grown = (unsigned char *)realloc(buf->data, cap);
        if (!grown) { buf->failed = 1; png_error(png, "out of memory"); return; }
        buf->data = grown;
        buf->capacity = cap;
    }
    memcpy(buf->data + buf->size, data, length);
    buf->size += length;
}

static void stipple_png_flush(png_structp png) { (void)png; }

/*
 * Encodes an image to PNG in memory.
 *   color_type: 3 = palette (pixels are 1 byte indices), 2 = RGB (3 bytes), 0 = gray.
 *   palette_rgb: 3 * palette_count bytes when color_type == 3.
 *   bit_depth: 8, or 1/2/4 for packed palette/gray (pixels still 1 byte each; packed here).
 *   zlib_level: 0..9; filter: one of PNG_FILTER_* masks (0 = library default).
 * Returns 0 on success; on failure returns non-zero with a message in error_out (256 bytes).
 * On success *out must be released with free().
 */
static inline int stipple_png_encode(
    const unsigned char *pixels, int width, int height, int color_type, int bit_depth,
    const unsigned char *palette_rgb, int palette_count, int zlib_level, int filter,
    unsigned char **out, size_t *out_size, char *error_out)
{
    stipple_png_error_context ctx;
    memset(&ctx, 0, sizeof(ctx));
    stipple_png_buffer buf = {0, 0, 0, 0};
    unsigned char *row = NULL;
    *out = NULL;
    *out_size = 0;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &ctx,
                                              stipple_png_on_error, stipple_png_on_warning);
    if (!png) { strcpy(error_out, "png_create_write_struct failed"); return 1; }
    png_infop info = png_create_info_struct(png);
    if (!info) {
        png_destroy_write_struct(&png, NULL);
        strcpy(error_out, "png_create_info_struct failed");
        return 1;
    }
    if (setjmp(ctx.jump)) {
        png_destroy_write_struct(&png, &info);
        free(buf.data);
        free(row);
        strncpy(error_out, ctx.message, 255);
        error_out[255] = 0;
        return 1;
    }
    png_set_write_fn(png, &buf, stipple_png_write_data, stipple_png_flush);
    png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, bit_depth, color_type,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (color_type == PNG_COLOR_TYPE_PALETTE) {
        png_color colors[256];
        int n = palette_count > 256 ? 256 : palette_count;
        for (int i = 0; i < n; i++) {
            colors[i].red = palette_rgb[3 * i];
            colors[i].green = palette_rgb[3 * i + 1];
            colors[i].blue = palette_rgb[3 * i + 2];
        }
        png_set_PLTE(png, info, colors, n);
#ifdef PNG_CHECK_FOR_INVALID_INDEX_SUPPORTED
        /* libpng scans every written palette pixel, one byte at a time, for the largest index,
         * only to emit a benign-error warning at png_write_end (a warning our handler ignores).
         * That scan cost about a third of encoding a 2048² heatmap (7 of 20 ms); skip it. */
        png_set_check_for_invalid_index(png, 0);
#endif
    }
    png_set_compression_level(png, zlib_level);
    if (filter != 0) png_set_filter(png, 0, filter);
    png_write_info(png, info);
    int channels = color_type == PNG_COLOR_TYPE_RGB ? 3 : 1;
    size_t in_stride = (size_t)width * (size_t)channels;
    if (bit_depth < 8) {
        size_t packed_stride = ((size_t)width * (size_t)bit_depth + 7) / 8;
        row = (unsigned char *)malloc(packed_stride);
        if (!row) png_error(png, "out of memory");
        int per_byte = 8 / bit_depth;
        for (int y = 0; y < height; y++) {
            const unsigned char *src = pixels + (size_t)y * in_stride;
            memset(row, 0, packed_stride);
            for (int x = 0; x < width; x++) {
                int shift = 8 - bit_depth * (x % per_byte + 1);
                row[x / per_byte] |= (unsigned char)((src[x] & ((1 << bit_depth) - 1)) << shift);
            }
            png_write_row(png, row);
        }
    } else {
        for (int y = 0; y < height; y++) {
            png_write_row(png, (png_const_bytep)(pixels + (size_t)y * in_stride));
        }
    }
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    free(row);
    *out = buf.data;
    *out_size = buf.size;
    return 0;
}

static const int stipple_png_filter_none = PNG_FILTER_NONE;
static const int stipple_png_filter_sub = PNG_FILTER_SUB;
static const int stipple_png_filter_up = PNG_FILTER_UP;
static const int stipple_png_filter_all = PNG_ALL_FILTERS;
/* The zlib version libpng was built against (for the golden test's record of what decides a
 * PNG's bytes); libpng itself answers png_get_libpng_ver. */
static const unsigned stipple_png_zlib_vernum = PNG_ZLIB_VERNUM;

#endif
