// The emulator's model of Google Cloud: projects, enabled APIs and API keys,
// plus request counters. Thread-safe; every method takes the one lock briefly.
// Saved to and loaded from a JSON file when ServerOptions.state_file is set.
#ifndef GENAI_EMULATOR_STATE_STATE_H_
#define GENAI_EMULATOR_STATE_STATE_H_

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "genai/result.h"

namespace genai::emulator {

inline constexpr const char* kGenerativeLanguage = "generativelanguage.googleapis.com";
inline constexpr const char* kAiPlatform = "aiplatform.googleapis.com";
inline constexpr const char* kCloudAiCompanion = "cloudaicompanion.googleapis.com";

// The display title Google uses for a service in SERVICE_DISABLED errors.
std::string service_title(const std::string& service);

struct Project {
  std::string id;
  std::string number;
  std::set<std::string> enabled_services;
};

struct ApiKey {
  enum class Kind { kConsole, kStudio };
  std::string uid;          // the key's resource id (keys/{uid}); not secret
  std::string key_string;   // "AIza" + 35: the secret
  std::string project_id;
  std::string display_name;
  Kind kind = Kind::kConsole;
  // Restrictions (Console keys; a Studio key is restricted to the Gemini API).
  std::vector<std::string> api_targets;        // services; empty: any enabled API
  std::vector<std::string> allowed_ips;        // CIDRs or addresses; empty: any
  std::vector<std::string> allowed_referrers;  // glob patterns; empty: any
  bool deleted = false;
};

class State {
 public:
  Result<Project> create_project(const std::string& project_id);
  std::optional<Project> project(const std::string& id_or_number) const;
  Result<void> set_service_enabled(const std::string& project_id, const std::string& service, bool enabled);

  Result<ApiKey> create_key(ApiKey key);  // fills uid and key_string
  std::optional<ApiKey> key_by_string(const std::string& key_string) const;
  Result<void> delete_key(const std::string& uid);
  std::vector<ApiKey> keys() const;

  // Requests-per-minute accounting: returns false when `project_id` already
  // made `limit` requests in the current minute window.
  bool take_quota(const std::string& project_id, int limit, std::chrono::system_clock::time_point now);

  void count(const std::string& counter);
  std::map<std::string, long long> counters() const;

  void clear();
  std::string to_json() const;
  Result<void> load_json(const std::string& text);
  // Writes the state atomically (temp file, fsync, rename) with mode 0600: it holds keys.
  Result<void> save_file(const std::string& path) const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, Project> projects_;    // by id
  std::map<std::string, ApiKey> keys_;         // by key string
  std::map<std::string, std::pair<long long, int>> quota_;  // project -> (minute, count)
  std::map<std::string, long long> counters_;
  long long next_number_ = 100000000001;
};

// A random string from a CSPRNG: "AIza" + 35 characters of [A-Za-z0-9_-].
std::string generate_key_string();

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_STATE_STATE_H_
