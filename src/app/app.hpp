// Wires the areas together: the route table of the whole API, and the
// version of this build.
#pragma once

#include <memory>
#include <string>

#include "api/api.hpp"
#include "store/database.hpp"

namespace varde::app {

inline constexpr const char* kVersion = "0.1.0";

// The API with every area's routes, plus health, OpenAPI and metrics.
std::unique_ptr<api::Api> make_api(store::Database& db, const std::string& ui_dir);

}  // namespace varde::app
