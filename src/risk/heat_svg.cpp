#include "risk/heat_svg.hpp"

#include <cmath>
#include <sstream>

#include "reports/document.hpp"

namespace varde::risk {

namespace {

std::string xml(std::string_view s) {
  std::string out;
  for (char c : reports::clean_text(s)) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// At most n characters (UTF-8 aware), with "…" when cut, so long labels fit.
std::string fit(const std::string& s, std::size_t n) {
  std::size_t chars = 0, i = 0;
  while (i < s.size() && chars < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    ++chars;
  }
  return i >= s.size() ? s : s.substr(0, i) + "…";
}

std::string text_colour(const std::string& fill) {
  auto rgb = reports::parse_colour(fill);
  if (!rgb) return "#000000";
  auto t = reports::text_colour_on(*rgb);
  return "#" + reports::to_hex(t);
}

}  // namespace

std::string heat_map_svg(const Matrix& m, const std::vector<std::vector<int64_t>>& inherent,
                         const std::vector<std::vector<int64_t>>& residual, const std::string& title) {
  const int label_w = 170, head_h = 46, cell_w = 96, cell_h = 44;
  const int nl = static_cast<int>(m.likelihood.size()), nc = static_cast<int>(m.consequence.size());
  const int width = label_w + nc * cell_w + 2, height = head_h + nl * cell_h + 2;
  std::ostringstream o;
  o << "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"" << xml(title) << "\" width=\"" << width
    << "\" height=\"" << height << "\" viewBox=\"0 0 " << width << " " << height
    << "\" font-family=\"Arial, Helvetica, sans-serif\" font-size=\"12\">\n<title>" << xml(title) << "</title>\n";
  for (int c = 0; c < nc; ++c)
    o << "<text x=\"" << label_w + c * cell_w + cell_w / 2 << "\" y=\"" << head_h - 10 << "\" text-anchor=\"middle\">"
      << c + 1 << ". " << xml(fit(m.consequence[c].label.nb, 13)) << "</text>\n";
  for (int row = 0; row < nl; ++row) {
    const int l = nl - 1 - row;  // the most likely on top
    const int y = head_h + row * cell_h;
    o << "<text x=\"" << label_w - 8 << "\" y=\"" << y + cell_h / 2 + 4 << "\" text-anchor=\"end\">" << l + 1 << ". "
      << xml(fit(m.likelihood[l].label.nb, 22)) << "</text>\n";
    for (int c = 0; c < nc; ++c) {
      const auto& level = m.risk_levels[m.cells[l][c].risk_level];
      const int x = label_w + c * cell_w;
      const auto in = l < static_cast<int>(inherent.size()) && c < static_cast<int>(inherent[l].size()) ? inherent[l][c] : 0;
      const auto re = l < static_cast<int>(residual.size()) && c < static_cast<int>(residual[l].size()) ? residual[l][c] : 0;
      o << "<rect x=\"" << x << "\" y=\"" << y << "\" width=\"" << cell_w - 2 << "\" height=\"" << cell_h - 2
        << "\" fill=\"" << xml(level.colour) << "\"/>\n";
      o << "<text x=\"" << x + cell_w / 2 - 1 << "\" y=\"" << y + cell_h / 2 + 5 << "\" text-anchor=\"middle\" font-size=\"15\" "
        << "font-weight=\"bold\" fill=\"" << text_colour(level.colour) << "\">" << in << " / " << re << "</text>\n";
    }
  }
  o << "</svg>";
  return o.str();
}

}  // namespace varde::risk
