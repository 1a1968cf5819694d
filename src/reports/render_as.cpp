#include "reports/render.hpp"

namespace varde::reports {

std::optional<RenderedFile> render_as(const Document& doc, std::string_view format) {
  if (format == "docx")
    return RenderedFile{render_docx(doc), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"};
  if (format == "xlsx")
    return RenderedFile{render_xlsx(doc), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"};
  if (format == "md") return RenderedFile{render_markdown(doc), "text/markdown; charset=utf-8", "md"};
  if (format == "html") return RenderedFile{render_html(doc), "text/html; charset=utf-8", "html"};
  return std::nullopt;
}

}  // namespace varde::reports
