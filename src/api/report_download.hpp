// Answering a request with a report document as a file.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "http/message.hpp"
#include "reports/document.hpp"

namespace varde::api {

// The document rendered as `format` and named `basename` plus the format's
// extension: printable HTML opens in the browser (inline), the other formats
// are downloaded (attachment). 400 naming `format` when it is not one of
// `allowed`.
http::Response report_download(const reports::Document& doc, std::string_view format, const std::string& basename,
                               std::initializer_list<std::string_view> allowed = {"docx", "xlsx", "md", "html"});

}  // namespace varde::api
