#include "reports/document_json.hpp"

#include <nlohmann/json.hpp>

namespace varde::reports {

namespace {

struct BlockWriter {
  core::JsonWriter& w;
  void operator()(const Heading& h) const {
    w.field("kind", "heading").field("level", h.level).field("text", h.text);
  }
  void operator()(const Paragraph& p) const { w.field("kind", "paragraph").field("text", p.text); }
  void operator()(const Field& f) const {
    w.field("kind", "field").field("label", f.label).field("value", f.value).field("value_below", f.value_below);
    if (f.status) w.key("status").begin_object().field("colour", f.status->colour).field("label", f.status->label).end_object();
  }
  void operator()(const Table& t) const {
    w.field("kind", "table").field("caption", t.caption);
    w.key("header").begin_array();
    for (const auto& h : t.header) w.value(h);
    w.end_array().key("rows").begin_array();
    for (const auto& row : t.rows) {
      w.begin_array();
      for (const auto& c : row) w.begin_object().field("text", c.text).field("fill", c.fill).end_object();
      w.end_array();
    }
    w.end_array().key("widths").begin_array();
    for (auto x : t.widths) w.value(x);
    w.end_array();
  }
  void operator()(const PageBreak&) const { w.field("kind", "page_break"); }
  void operator()(const Figure& f) const { w.field("kind", "figure").field("svg", f.svg).field("caption", f.caption); }
};

}  // namespace

void write_json(core::JsonWriter& w, const Document& doc) {
  w.begin_object().field("title", doc.title).field("subtitle", doc.subtitle);
  w.key("metadata").begin_object().field("organisation", doc.metadata.organisation);
  w.field("period", doc.metadata.period).field("generated_at", doc.metadata.generated_at);
  w.field("classification", doc.metadata.classification).end_object();
  w.key("blocks").begin_array();
  for (const auto& b : doc.blocks) {
    w.begin_object();
    std::visit(BlockWriter{w}, b);
    w.end_object();
  }
  w.end_array().end_object();
}

Document document_from_json(const nlohmann::json& j) {
  Document doc;
  doc.title = j.at("title");
  doc.subtitle = j.at("subtitle");
  const auto& m = j.at("metadata");
  doc.metadata = {m.at("organisation"), m.at("period"), m.at("generated_at"), m.at("classification")};
  for (const auto& b : j.at("blocks")) {
    const std::string kind = b.at("kind");
    if (kind == "heading") {
      doc.blocks.emplace_back(Heading{b.at("level"), b.at("text")});
    } else if (kind == "paragraph") {
      doc.blocks.emplace_back(Paragraph{b.at("text")});
    } else if (kind == "field") {
      Field f{b.at("label"), b.at("value"), std::nullopt, b.at("value_below")};
      if (b.contains("status")) f.status = Status{b.at("status").at("colour"), b.at("status").at("label")};
      doc.blocks.emplace_back(std::move(f));
    } else if (kind == "table") {
      Table t;
      t.caption = b.at("caption");
      t.header = b.at("header").get<std::vector<std::string>>();
      for (const auto& row : b.at("rows")) {
        std::vector<Cell> cells;
        for (const auto& c : row) cells.emplace_back(c.at("text").get<std::string>(), c.at("fill").get<std::string>());
        t.rows.push_back(std::move(cells));
      }
      t.widths = b.at("widths").get<std::vector<double>>();
      doc.blocks.emplace_back(std::move(t));
    } else if (kind == "page_break") {
      doc.blocks.emplace_back(PageBreak{});
    } else if (kind == "figure") {
      doc.blocks.emplace_back(Figure{b.at("svg"), b.at("caption")});
    } else {
      throw std::invalid_argument("unknown block kind " + kind);
    }
  }
  return doc;
}

}  // namespace varde::reports
