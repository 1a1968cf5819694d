#include "reports/svg_png.hpp"

#include <cairo.h>
#include <librsvg/rsvg.h>

#include <cmath>
#include <memory>
#include <mutex>

namespace varde::reports {

namespace {

// Fontconfig and pango's font maps behind librsvg's text are shared by the
// process; one picture at a time keeps them out of any race. A heat map
// takes a few milliseconds.
std::mutex render_mutex;

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

std::optional<Png> svg_to_png(std::string_view svg, double scale) {
  if (svg.empty() || !(scale > 0)) return std::nullopt;
  std::lock_guard lock(render_mutex);
  GError* error = nullptr;
  std::unique_ptr<RsvgHandle, decltype(&g_object_unref)> handle(
      rsvg_handle_new_from_data(reinterpret_cast<const guint8*>(svg.data()), svg.size(), &error), &g_object_unref);
  if (!handle) {
    if (error) g_error_free(error);
    return std::nullopt;
  }
  double w = 0, h = 0;
  if (!rsvg_handle_get_intrinsic_size_in_pixels(handle.get(), &w, &h) || w <= 0 || h <= 0) return std::nullopt;
  Png out;
  out.css_width = w;
  out.css_height = h;
  out.width = static_cast<int>(std::ceil(w * scale));
  out.height = static_cast<int>(std::ceil(h * scale));
  if (out.width > 4096 || out.height > 4096) return std::nullopt;

  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> surface(
      cairo_image_surface_create(CAIRO_FORMAT_ARGB32, out.width, out.height), &cairo_surface_destroy);
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) return std::nullopt;
  std::unique_ptr<cairo_t, decltype(&cairo_destroy)> cr(cairo_create(surface.get()), &cairo_destroy);
  // White behind the picture: a transparent PNG shows black in some viewers.
  cairo_set_source_rgb(cr.get(), 1, 1, 1);
  cairo_paint(cr.get());
  const RsvgRectangle viewport{0, 0, static_cast<double>(out.width), static_cast<double>(out.height)};
  if (!rsvg_handle_render_document(handle.get(), cr.get(), &viewport, &error)) {
    if (error) g_error_free(error);
    return std::nullopt;
  }
  cairo_surface_flush(surface.get());
  if (cairo_surface_write_to_png_stream(surface.get(), append, &out.bytes) != CAIRO_STATUS_SUCCESS) return std::nullopt;
  return out;
}

}  // namespace varde::reports
