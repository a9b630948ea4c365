// libwebp for Rendering's batch sheets (Debian: libwebp-dev). Only Rendering imports this module.
#ifndef STIPPLE_CWEBP_SHIM_H
#define STIPPLE_CWEBP_SHIM_H
#include <webp/encode.h>
#include <webp/decode.h>
#include <string.h>

/*
 * Encodes packed 8-bit RGB (stride = 3 * width) as WebP in memory with the advanced API, so
 * every setting that could vary is pinned: lossy (VP8) or, when `lossless` is non-zero, lossless
 * (VP8L, every pixel kept exactly; `quality` is then the effort); the default preset at `quality`
 * (0…100), `method` (0 fast … 6 small), sharp RGB→YUV conversion when `sharp_yuv` is non-zero
 * (lossy only), and thread_level 0 (one thread: the same bytes whatever the machine's cores).
 * Returns 0 on success, with *out
 * (release with WebPFree) and *out_size; otherwise libwebp's WebPEncodingError code (or -1 for
 * a rejected configuration, -2 for a version mismatch).
 */
static inline int stipple_webp_encode_rgb(const unsigned char *rgb, int width, int height, float quality,
                                          int method, int sharp_yuv, int lossless, unsigned char **out, size_t *out_size) {
    *out = NULL;
    *out_size = 0;
    WebPConfig config;
    if (!WebPConfigInit(&config)) return -2;
    config.quality = quality;
    config.method = method;
    config.use_sharp_yuv = sharp_yuv ? 1 : 0;
    config.lossless = lossless ? 1 : 0;
    config.exact = lossless ? 1 : 0;
    config.thread_level = 0;
    if (!WebPValidateConfig(&config)) return -1;
    WebPPicture picture;
    if (!WebPPictureInit(&picture)) return -2;
    picture.width = width;
    picture.height = height;
    picture.use_argb = lossless ? 1 : 0;
    WebPMemoryWriter writer;
    WebPMemoryWriterInit(&writer);
    picture.writer = WebPMemoryWrite;
    picture.custom_ptr = &writer;
    if (!WebPPictureImportRGB(&picture, rgb, 3 * width)) {
        int code = picture.error_code ? (int)picture.error_code : (int)VP8_ENC_ERROR_OUT_OF_MEMORY;
        WebPPictureFree(&picture);
        WebPMemoryWriterClear(&writer);
        return code;
    }
    int ok = WebPEncode(&config, &picture);
    int code = (int)picture.error_code;
    WebPPictureFree(&picture);
    if (!ok) {
        WebPMemoryWriterClear(&writer);
        return code ? code : (int)VP8_ENC_ERROR_BAD_WRITE;
    }
    *out = writer.mem;
    *out_size = writer.size;
    return 0;
}
#endif
