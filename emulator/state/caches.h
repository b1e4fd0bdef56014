// The emulator's context caches (cachedContents): what each project (the
// Developer API key's project, or the Vertex AI project in the URL) cached,
// with its expiry on the emulator's clock. An expired cache is gone: every
// lookup treats it as absent, as Google does. Thread-safe. Kept in memory
// only (caches live for hours at most; the state file holds the Cloud setup).
#ifndef GENAI_EMULATOR_STATE_CACHES_H_
#define GENAI_EMULATOR_STATE_CACHES_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace genai::emulator {

struct CachedEntry {
  std::string id;           // the last segment of the name
  std::string owner;        // project id
  bool vertex = false;      // created through Vertex AI (names and model shapes differ)
  std::string parent;       // "" (Developer API) or "projects/{number}/locations/{location}/"
  std::string model;        // the model id, e.g. "gemini-2.5-flash"
  std::string display_name;
  nlohmann::ordered_json contents = nlohmann::ordered_json::array();
  nlohmann::ordered_json system_instruction;  // null: none
  nlohmann::ordered_json tools;               // null: none
  nlohmann::ordered_json tool_config;         // null: none
  int64_t tokens = 0;
  std::chrono::system_clock::time_point create_time, update_time, expire_time;
};

class CacheStore {
 public:
  // Stores `e` under a new random id (12 lower-case letters and digits on the
  // Developer API, 19 digits on Vertex AI) and returns it with the id set.
  CachedEntry create(CachedEntry e);
  // nullopt when unknown, owned by another project, or expired at `now`.
  std::optional<CachedEntry> get(const std::string& owner, const std::string& id,
                                 std::chrono::system_clock::time_point now) const;
  std::optional<CachedEntry> set_expiry(const std::string& owner, const std::string& id,
                                        std::chrono::system_clock::time_point expire,
                                        std::chrono::system_clock::time_point now);
  bool remove(const std::string& owner, const std::string& id, std::chrono::system_clock::time_point now);
  // The owner's live caches of one backend, oldest first.
  std::vector<CachedEntry> list(const std::string& owner, bool vertex, std::chrono::system_clock::time_point now) const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, CachedEntry> entries_;  // by id
  std::vector<std::string> order_;              // ids in creation order
};

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_STATE_CACHES_H_
