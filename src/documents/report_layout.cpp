#include "documents/report_layout.hpp"

namespace varde::documents {

namespace {

std::vector<std::string> split_blocks(const std::string& body) {
  std::vector<std::string> out;
  std::string current;
  std::size_t pos = 0;
  while (pos <= body.size()) {
    auto end = body.find('\n', pos);
    auto line = body.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    if (line.find_first_not_of(" \t\r") == std::string::npos) {
      if (!current.empty()) out.push_back(current);
      current.clear();
    } else {
      current += (current.empty() ? "" : "\n") + line;
    }
    if (end == std::string::npos) break;
    pos = end + 1;
  }
  if (!current.empty()) out.push_back(current);
  return out;
}

std::vector<std::string> lines_of(const std::string& block) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (true) {
    auto end = block.find('\n', pos);
    out.push_back(block.substr(pos, end == std::string::npos ? std::string::npos : end - pos));
    if (end == std::string::npos) break;
    pos = end + 1;
  }
  return out;
}

std::vector<std::string> cells(std::string row) {
  auto trim = [](std::string s) {
    auto a = s.find_first_not_of(' ');
    auto b = s.find_last_not_of(' ');
    return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
  };
  row = trim(row);
  if (!row.empty() && row.front() == '|') row.erase(0, 1);
  if (!row.empty() && row.back() == '|') row.pop_back();
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (true) {
    auto bar = row.find('|', pos);
    out.push_back(trim(row.substr(pos, bar == std::string::npos ? std::string::npos : bar - pos)));
    if (bar == std::string::npos) break;
    pos = bar + 1;
  }
  return out;
}

bool is_separator(const std::string& row) { return row.find_first_not_of("|-: ") == std::string::npos; }

std::string date_nb(const std::string& iso) {
  if (iso.size() < 10) return iso;
  return iso.substr(8, 2) + "." + iso.substr(5, 2) + "." + iso.substr(0, 4);
}

}  // namespace

void append_markdown(reports::Document& out, const std::string& body) {
  for (const auto& block : split_blocks(body)) {
    const auto ls = lines_of(block);
    if (ls.front().rfind("|", 0) == 0) {
      reports::Table t;
      for (std::size_t i = 0; i < ls.size(); ++i) {
        if (i == 0) { t.header = cells(ls[i]); continue; }
        if (is_separator(ls[i])) continue;
        std::vector<reports::Cell> row;
        for (auto& c : cells(ls[i])) row.emplace_back(c);
        t.rows.push_back(std::move(row));
      }
      if (t.header.size() == 2) t.widths = {1, 4};
      out.table(std::move(t));
      continue;
    }
    bool list = true;
    for (const auto& l : ls) list = list && l.rfind("- ", 0) == 0;
    if (list) {
      std::string text;
      for (const auto& l : ls) text += (text.empty() ? "" : "\n") + ("• " + l.substr(2));
      out.paragraph(text);
    } else {
      out.paragraph(block);
    }
  }
}

reports::Document document_report(const Document& d, const Version& v, const std::string& generated_at) {
  reports::Document out;
  out.title = d.title;
  out.metadata.organisation = d.org_name;
  out.metadata.generated_at = generated_at;
  out.metadata.classification = std::string(classification_label_nb(d.classification));
  out.field("Kode", d.code);
  out.field("Dokumenttype", std::string(type_label_nb(d.type)));
  out.field("Versjon", std::to_string(v.number) + " (" + std::string(status_label_nb(v.status)) + ")");
  if (v.approved_at) out.field("Godkjent", date_nb(*v.approved_at) + (v.approved_by ? " av " + *v.approved_by : ""));
  if (!d.approver.empty()) out.field("Godkjennes av", d.approver);
  if (!d.owner_role.empty() || !d.owner_name.empty())
    out.field("Eier", d.owner_role.empty() ? d.owner_name : d.owner_role);
  if (d.next_review_on) out.field("Neste revisjon", date_nb(*d.next_review_on));
  if (d.exemption) out.field("Unntatt offentlighet", *d.exemption);
  int n = 0;
  for (const auto& s : v.sections) {
    out.heading(1, std::to_string(++n) + " " + s.heading);
    append_markdown(out, s.body);
  }
  return out;
}

}  // namespace varde::documents
