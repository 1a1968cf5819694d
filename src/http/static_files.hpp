// Serves the built web UI from a folder. Paths that name no file fall back
// to index.html, so the UI's own router can handle deep links.
#pragma once

#include <optional>
#include <string>

#include "http/message.hpp"

namespace varde::http {

// The answer for `path` from `root`, or nullopt when root has no index.html.
// Never serves anything outside root.
std::optional<Response> serve_static(const std::string& root, const std::string& path);

}  // namespace varde::http
