// The heat map as an SVG picture, for the HTML export of the risk overview:
// the matrix with the most likely row on top, each cell in its risk level's
// colour with "inherent / residual" counts. Pure text out; the numbers are
// also in the table beside it, so the picture is an addition, not the only
// place they are.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "risk/model.hpp"

namespace varde::risk {

// `title` is the picture's accessible name (<title>, aria-label).
std::string heat_map_svg(const Matrix& m, const std::vector<std::vector<int64_t>>& inherent,
                         const std::vector<std::vector<int64_t>>& residual, const std::string& title);

}  // namespace varde::risk
