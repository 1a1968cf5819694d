// Standard base64 (RFC 4648, with padding) for binary uploads inside JSON
// bodies, e.g. an .xlsx file. Through libsodium, which Varde links anyway.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace varde::core {

// The decoded bytes, or nullopt when `text` is not base64. Whitespace and
// line breaks between characters are allowed; a "data:…;base64," prefix (what
// a browser's FileReader.readAsDataURL gives) is skipped.
std::optional<std::string> base64_decode(std::string_view text);

std::string base64_encode(std::string_view bytes);

}  // namespace varde::core
