// FreeType for Rendering's text (Debian: libfreetype-dev). Only Rendering imports this module.
#ifndef STIPPLE_CFREETYPE_SHIM_H
#define STIPPLE_CFREETYPE_SHIM_H
#include <ft2build.h>
#include FT_FREETYPE_H

// Function-like and composite macros do not import into Swift: the load flags as constants.
// Light hinting snaps only vertically, so stems stay crisp while letter shapes and spacing
// keep the font's design (what small anti-aliased labels need).
static const FT_Int32 stipple_ft_load_render_light = FT_LOAD_RENDER | FT_LOAD_TARGET_LIGHT;
#endif
