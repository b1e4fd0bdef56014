// RawJson: the JSON of a whole response as received (the `raw` member of
// every response struct).
#ifndef GENAI_RAW_JSON_H_
#define GENAI_RAW_JSON_H_

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

namespace genai {

// The JSON of a whole response, as received, including what the typed
// members do not model. generateContent answers and stream chunks are read
// straight from their bytes into the typed members; they keep the bytes, and
// this JSON is parsed from them only when first asked for, so an answer whose
// raw form nobody reads never pays for it. Copies share one parse; reading
// from several threads is safe. Read-only.
//
//   std::cout << r->raw->dump(2) << "\n";
//   if (r->raw->contains("modelVersion")) { ... }
//   const Json& whole = *r->raw;
class RawJson {
 public:
  using Json = nlohmann::json;

  RawJson() = default;    // null
  RawJson(Json parsed);   // NOLINT(google-explicit-constructor): a response built from a DOM
  // Keeps `text`, a JSON document the library has already read, and parses
  // it on first use.
  static RawJson from_text(std::string text);

  const Json& json() const;
  const Json& operator*() const { return json(); }
  const Json* operator->() const { return &json(); }

 private:
  struct Lazy;
  std::shared_ptr<Lazy> lazy_;
};

}  // namespace genai

#endif  // GENAI_RAW_JSON_H_
