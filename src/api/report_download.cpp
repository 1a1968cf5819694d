#include "api/report_download.hpp"

#include <algorithm>

#include "api/problem.hpp"
#include "reports/render.hpp"

namespace varde::api {

http::Response report_download(const reports::Document& doc, std::string_view format, const std::string& basename,
                               std::initializer_list<std::string_view> allowed) {
  std::optional<reports::RenderedFile> file;
  if (std::find(allowed.begin(), allowed.end(), format) != allowed.end()) file = reports::render_as(doc, format);
  if (!file) {
    std::string names;
    for (auto f : allowed) names += (names.empty() ? "" : ", ") + std::string(f);
    throw bad_request("format", "Velg format " + names + ".");
  }
  http::Response r;
  r.body = std::move(file->body);
  r.content_type = std::move(file->content_type);
  r.set_header("Content-Disposition", std::string(format == "html" ? "inline" : "attachment") + "; filename=\"" +
                                          basename + "." + file->extension + "\"");
  return r;
}

}  // namespace varde::api
