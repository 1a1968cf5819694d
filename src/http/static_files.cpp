#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace varde::http {

namespace {

std::string content_type_for(const std::filesystem::path& p) {
  const auto ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

std::optional<std::string> read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

std::optional<Response> serve_static(const std::string& root_dir, const std::string& path) {
  namespace fs = std::filesystem;
  if (root_dir.empty()) return std::nullopt;
  std::error_code ec;
  const fs::path root = fs::weakly_canonical(root_dir, ec);
  if (ec || !fs::exists(root / "index.html")) return std::nullopt;

  Response r;
  fs::path candidate = fs::weakly_canonical(root / fs::path(path).relative_path(), ec);
  const auto rel = candidate.lexically_relative(root).string();
  const bool inside = !ec && !rel.empty() && rel.rfind("..", 0) != 0;
  if (inside && fs::is_regular_file(candidate, ec)) {
    auto body = read_file(candidate);
    if (!body) return std::nullopt;
    r.body = std::move(*body);
    r.content_type = content_type_for(candidate);
    // Vite names built assets by content hash, so they may be cached for good.
    if (rel.rfind("assets/", 0) == 0) r.set_header("Cache-Control", "public, max-age=31536000, immutable");
    return r;
  }
  auto index = read_file(root / "index.html");
  if (!index) return std::nullopt;
  r.body = std::move(*index);
  r.content_type = "text/html; charset=utf-8";
  r.set_header("Cache-Control", "no-cache");
  return r;
}

}  // namespace varde::http
