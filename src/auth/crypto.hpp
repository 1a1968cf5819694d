// Passwords and secret tokens (libsodium).
#pragma once

#include <string>
#include <string_view>

namespace varde::auth {

// Initialises libsodium once; safe to call from any thread, any number of times.
void init_crypto();

// An Argon2id hash (libsodium's crypto_pwhash_str, INTERACTIVE limits) with
// its own salt and parameters, as text for the store.
std::string hash_password(std::string_view password);

// True when the password matches the stored hash. Takes ~75 ms by design.
bool verify_password(std::string_view stored_hash, std::string_view password);

// 32 random bytes as URL-safe base64 without padding: a session, CSRF or
// feed token.
std::string random_token();

// Lower-case hex SHA-256 of the text. Tokens are stored only as this, so a
// copy of the database hands out no sessions.
std::string sha256_hex(std::string_view text);

// Constant-time comparison of two texts.
bool equal_constant_time(std::string_view a, std::string_view b);

}  // namespace varde::auth
