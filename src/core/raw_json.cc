#include "genai/raw_json.h"

#include <mutex>
#include <utility>

#include "core/json_parse.h"

namespace genai {

// The bytes until the first read, the DOM after it.
struct RawJson::Lazy {
  std::once_flag once;
  std::string text;
  Json parsed;
};

RawJson::RawJson(Json parsed) : lazy_(std::make_shared<Lazy>()) {
  lazy_->parsed = std::move(parsed);
  std::call_once(lazy_->once, [] {});
}

RawJson RawJson::from_text(std::string text) {
  RawJson out;
  out.lazy_ = std::make_shared<Lazy>();
  out.lazy_->text = std::move(text);
  return out;
}

const RawJson::Json& RawJson::json() const {
  static const Json kNull;
  if (!lazy_) return kNull;
  Lazy& lazy = *lazy_;
  std::call_once(lazy.once, [&lazy] {
    lazy.parsed = internal::parse_json(lazy.text);
    // The library read this text already, so it parses; a discarded value
    // would still be no JSON to hand out.
    if (lazy.parsed.is_discarded()) lazy.parsed = nullptr;
    std::string().swap(lazy.text);
  });
  return lazy.parsed;
}

}  // namespace genai
