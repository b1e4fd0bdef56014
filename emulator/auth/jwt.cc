#include "emulator/auth/jwt.h"

#include <algorithm>

#include "emulator/auth/crypto.h"

namespace genai::emulator {

std::optional<Jwt> parse_jwt(std::string_view token) {
  const size_t dot1 = token.find('.');
  if (dot1 == std::string_view::npos) return std::nullopt;
  const size_t dot2 = token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos) return std::nullopt;
  auto header = base64url_decode(token.substr(0, dot1));
  auto payload = base64url_decode(token.substr(dot1 + 1, dot2 - dot1 - 1));
  auto signature = base64url_decode(token.substr(dot2 + 1));
  if (!header || !payload || !signature) return std::nullopt;
  Jwt jwt;
  jwt.header = nlohmann::json::parse(*header, nullptr, false);
  jwt.claims = nlohmann::json::parse(*payload, nullptr, false);
  if (!jwt.header.is_object() || !jwt.claims.is_object()) return std::nullopt;
  jwt.signing_input = std::string(token.substr(0, dot2));
  jwt.signature = std::move(*signature);
  return jwt;
}

std::optional<long long> numeric_claim(const nlohmann::json& claims, const char* name) {
  auto it = claims.find(name);
  if (it == claims.end() || !it->is_number()) return std::nullopt;
  if (it->is_number_integer()) return it->get<long long>();
  // A float that long long cannot hold (1e300, found by fuzz_emulator_jwt) is
  // not a time: casting it would be undefined behaviour.
  const double d = it->get<double>();
  if (!(d >= -9.2e18 && d <= 9.2e18)) return std::nullopt;
  return static_cast<long long>(d);
}

bool looks_like_jwt(std::string_view s) { return std::count(s.begin(), s.end(), '.') == 2; }

}  // namespace genai::emulator
