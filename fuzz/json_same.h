// Shared by fuzz_json_parse and tests/unit/json_parse_test.cc: whether two
// nlohmann::json values are the same in every observable way, stricter than
// operator== (which calls 1 (unsigned) and 1 (signed), or 0.0 and -0.0, equal).
#ifndef GENAI_FUZZ_JSON_SAME_H_
#define GENAI_FUZZ_JSON_SAME_H_

#include <cmath>

#include <nlohmann/json.hpp>

namespace genai_fuzz {

inline bool json_same(const nlohmann::json& a, const nlohmann::json& b) {
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case nlohmann::json::value_t::object: {
      if (a.size() != b.size()) return false;
      for (auto ia = a.begin(), ib = b.begin(); ia != a.end(); ++ia, ++ib) {
        if (ia.key() != ib.key() || !json_same(*ia, *ib)) return false;
      }
      return true;
    }
    case nlohmann::json::value_t::array: {
      if (a.size() != b.size()) return false;
      for (size_t i = 0; i < a.size(); ++i) {
        if (!json_same(a[i], b[i])) return false;
      }
      return true;
    }
    case nlohmann::json::value_t::number_float:
      return a == b && std::signbit(a.get<double>()) == std::signbit(b.get<double>());
    default:
      return a == b;
  }
}

}  // namespace genai_fuzz

#endif  // GENAI_FUZZ_JSON_SAME_H_
