// genai::Caches: context caches (cachedContents), the same on the Developer
// API and Vertex AI. Put a large prompt prefix (documents, a system
// instruction, tools) in a cache once, then name it in many requests with
// GenerateContentConfig::cached_content; the cached tokens are billed at a
// lower rate and reported as usage_metadata->cached_content_token_count.
//
//   genai::CreateCachedContentConfig cfg;
//   cfg.contents = {genai::Content::from_text(long_document)};
//   cfg.system_instruction = genai::Content::from_text("Answer from the document.");
//   cfg.ttl = std::chrono::minutes(10);                  // or "600s"
//   genai::CachedContent cache = client.caches().create("gemini-2.5-flash", cfg).value();
//   genai::GenerateContentConfig gen;
//   gen.cached_content = cache.name;                     // "cachedContents/abc123"
//   auto r = client.models().generate_content("gemini-2.5-flash", "Summarise it", gen);
//   client.caches().update(cache.name, {.ttl = std::chrono::hours(1)});
//   for (auto& c : client.caches().list()) { ... }
//   client.caches().delete_(cache.name);
//
// Names are completed as python-genai's t_cached_content_name does: "abc123"
// becomes "cachedContents/abc123" (Developer API) or
// "projects/{p}/locations/{l}/cachedContents/abc123" (Vertex AI).
#ifndef GENAI_CACHES_H_
#define GENAI_CACHES_H_

#include <chrono>
#include <cstdint>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "genai/pager.h"
#include "genai/result.h"
#include "genai/types.h"

namespace genai {

namespace internal {
class ApiClient;
}

// A duration as Google's JSON wants it: seconds with an "s" ("3600s", "3.5s").
// Built from a std::chrono duration or a string, so both `cfg.ttl =
// std::chrono::minutes(10)` and `cfg.ttl = "600s"` work.
struct Duration {
  std::string value;
  Duration(std::string s) : value(std::move(s)) {}        // NOLINT: implicit on purpose
  Duration(const char* s) : value(s) {}                    // NOLINT
  template <typename Rep, typename Period>
  Duration(std::chrono::duration<Rep, Period> d)           // NOLINT
      : value(format(std::chrono::duration_cast<std::chrono::milliseconds>(d))) {}
  bool operator==(const Duration&) const = default;

 private:
  static std::string format(std::chrono::milliseconds ms);
};

struct CachedContentUsageMetadata {
  std::optional<int64_t> total_token_count;
  // Vertex AI only.
  std::optional<int64_t> text_count;
  std::optional<int64_t> image_count;
  std::optional<int64_t> video_duration_seconds;
  std::optional<int64_t> audio_duration_seconds;
};

struct CachedContent {
  std::string name;                          // "cachedContents/abc123" or "projects/.../cachedContents/123"
  std::optional<std::string> display_name;
  std::string model;                         // "models/gemini-2.5-flash" or "projects/.../publishers/google/models/..."
  std::optional<std::string> create_time;    // RFC 3339
  std::optional<std::string> update_time;
  std::optional<std::string> expire_time;
  std::optional<CachedContentUsageMetadata> usage_metadata;
  RawJson raw;
};

struct CreateCachedContentConfig {
  std::optional<Duration> ttl;               // default at Google: one hour
  std::optional<std::string> expire_time;    // RFC 3339; instead of ttl
  std::optional<std::string> display_name;
  std::vector<Content> contents;
  std::optional<Content> system_instruction;
  std::vector<Tool> tools;                   // declarations only: callables cannot be cached
  std::optional<ToolConfig> tool_config;
  std::optional<std::string> kms_key_name;   // Vertex AI only (customer-managed encryption key)
  RequestOptions http_options;  // this call's headers, timeout, retry, extra_body (options.h)
};

// Only the expiry of a cache can change.
// Default member initializers keep designated initialisation ({.ttl = ...})
// free of -Wmissing-field-initializers.
struct UpdateCachedContentConfig {
  std::optional<Duration> ttl{};
  std::optional<std::string> expire_time{};
  RequestOptions http_options{};  // this call's headers, timeout, retry, extra_body (options.h)
};

struct GetCachedContentConfig {
  RequestOptions http_options;  // this call's headers, timeout, retry, extra_body (options.h)
};

struct DeleteCachedContentConfig {
  RequestOptions http_options;  // this call's headers, timeout, retry, extra_body (options.h)
};

struct ListCachedContentsConfig {
  int page_size = 0;         // 0: the server's default
  std::string page_token{};  // start from this page
  RequestOptions http_options{};  // this call's headers, timeout, retry, extra_body (options.h)
};

class Caches {
 public:
  explicit Caches(std::shared_ptr<internal::ApiClient> api);

  Result<CachedContent> create(std::string_view model, const CreateCachedContentConfig& config = {}) const;
  Result<CachedContent> get(std::string_view name, const GetCachedContentConfig& config = {}) const;
  Result<CachedContent> update(std::string_view name, const UpdateCachedContentConfig& config) const;
  // python-genai's `delete`, a keyword in C++.
  Result<void> delete_(std::string_view name, const DeleteCachedContentConfig& config = {}) const;

  // The same calls on the client's event loop, as Models::generate_content_async:
  // a future, or a callback (genai::Callback<T>) run on the loop thread.
  std::future<Result<CachedContent>> create_async(std::string_view model,
                                                  const CreateCachedContentConfig& config = {}) const;
  void create_async(std::string_view model, const CreateCachedContentConfig& config,
                    Callback<CachedContent> on_done) const;
  std::future<Result<CachedContent>> get_async(std::string_view name, const GetCachedContentConfig& config = {}) const;
  void get_async(std::string_view name, const GetCachedContentConfig& config, Callback<CachedContent> on_done) const;
  std::future<Result<CachedContent>> update_async(std::string_view name, const UpdateCachedContentConfig& config) const;
  void update_async(std::string_view name, const UpdateCachedContentConfig& config,
                    Callback<CachedContent> on_done) const;
  std::future<Result<void>> delete_async(std::string_view name, const DeleteCachedContentConfig& config = {}) const;
  void delete_async(std::string_view name, const DeleteCachedContentConfig& config, Callback<void> on_done) const;
  Pager<CachedContent> list(const ListCachedContentsConfig& config = {}) const;

 private:
  std::shared_ptr<internal::ApiClient> api_;
};

}  // namespace genai

#endif  // GENAI_CACHES_H_
