#include "importers/csv.hpp"

namespace varde::importers {

namespace {

char guess_separator(std::string_view text) {
  const auto end = text.find('\n');
  const auto header = text.substr(0, end);
  std::size_t semicolons = 0, commas = 0;
  for (char c : header) {
    if (c == ';') ++semicolons;
    if (c == ',') ++commas;
  }
  return commas > semicolons ? ',' : ';';
}

}  // namespace

CsvTable parse_csv(std::string_view text) {
  CsvTable table;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  table.separator = guess_separator(text);
  CsvRow row;
  std::string field;
  bool quoted = false;
  bool field_started = false;
  int line = 1;
  row.line = 1;
  int quote_line = 0;
  auto end_field = [&] {
    row.fields.push_back(std::move(field));
    field.clear();
    field_started = false;
  };
  auto end_row = [&] {
    end_field();
    const bool blank = row.fields.size() == 1 && row.fields[0].empty();
    if (!blank) table.rows.push_back(std::move(row));
    row = CsvRow{};
    row.line = line;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        if (c != '\r') field += c;
      }
      continue;
    }
    if (c == '"' && !field_started) {
      quoted = true;
      field_started = true;
      quote_line = line;
    } else if (c == table.separator) {
      end_field();
    } else if (c == '\n') {
      ++line;
      end_row();
    } else if (c != '\r') {
      field += c;
      field_started = true;
    }
  }
  if (quoted) {
    table.error = "linje " + std::to_string(quote_line) + ": et felt i anførselstegn slutter aldri";
    return table;
  }
  if (field_started || !row.fields.empty() || !field.empty()) end_row();
  return table;
}

std::string write_csv(const std::vector<std::vector<std::string>>& rows, char separator) {
  std::string out = "\xEF\xBB\xBF";
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i) out += separator;
      const auto& f = row[i];
      const bool quote = f.find_first_of(std::string("\"\r\n") + separator) != std::string::npos ||
                         (!f.empty() && (f.front() == ' ' || f.back() == ' '));
      if (!quote) {
        out += f;
        continue;
      }
      out += '"';
      for (char c : f) {
        if (c == '"') out += '"';
        out += c;
      }
      out += '"';
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace varde::importers
