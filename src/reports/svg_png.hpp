// An SVG picture as PNG, for the formats that cannot show SVG themselves
// (a .docx picture, an .xlsx image, a PNG download). librsvg draws the SVG on
// a cairo surface and cairo writes the PNG; nothing is hand-rolled.
//
// Built as a library of its own (CMakeLists: varde_raster) so that only this
// file sees the librsvg/cairo/glib headers and their compile flags.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace varde::reports {

struct Png {
  std::string bytes;    // the PNG file
  int width = 0;        // in pixels: the SVG's own size times the scale
  int height = 0;
  double css_width = 0;   // the SVG's own size in CSS pixels (1/96 inch), to
  double css_height = 0;  // place the picture at the size it was drawn for
};

// The SVG drawn at `scale` times its own size (2: sharp in print). nullopt
// when the SVG does not parse, has no size, or would exceed 4096 pixels a
// side. Safe to call from several threads (the drawing is serialised).
std::optional<Png> svg_to_png(std::string_view svg, double scale = 2.0);

}  // namespace varde::reports
