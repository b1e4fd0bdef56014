#include "emulator/state/live_store.h"

#include <algorithm>

#include "emulator/auth/crypto.h"

namespace genai::emulator {

namespace {
constexpr size_t kMaxSavedSessions = 4096;
// Transparent resumption saves a handle per client message: the saved ones
// are also bounded by their size (counted as if none shared a history, so
// a long conversation keeps fewer handles, never more memory).
constexpr size_t kMaxSavedBytes = size_t{256} << 20;

size_t saved_size(const SavedLiveSession& s) { return s.history_bytes + 256; }
constexpr size_t kMaxTokens = 65536;
}  // namespace

bool LiveStore::open(const std::string& id, std::shared_ptr<LiveLink> link, size_t max_sessions) {
  std::lock_guard<std::mutex> lock(mu_);
  if (stopping_ || open_.size() >= max_sessions) return false;
  open_[id] = Open{std::move(link), LiveSessionInfo{id, "", ""}};
  return true;
}

void LiveStore::set_info(const std::string& id, const std::string& model, const std::string& project) {
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = open_.find(id); it != open_.end()) {
    it->second.info.model = model;
    it->second.info.project = project;
  }
}

void LiveStore::close(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  open_.erase(id);
}

std::vector<LiveSessionInfo> LiveStore::sessions() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<LiveSessionInfo> out;
  for (const auto& [id, o] : open_) out.push_back(o.info);
  return out;
}

std::vector<std::shared_ptr<LiveLink>> LiveStore::links_for(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::shared_ptr<LiveLink>> out;
  for (const auto& [key, o] : open_) {
    if (id.empty() || key == id) out.push_back(o.link);
  }
  return out;
}

// The links are called outside the lock: a link may close (and unregister)
// from its own thread meanwhile.
size_t LiveStore::go_away(const std::string& id, std::chrono::seconds left) {
  const auto links = links_for(id);
  for (const auto& l : links) l->go_away(left);
  return links.size();
}

size_t LiveStore::drop(const std::string& id) {
  const auto links = links_for(id);
  for (const auto& l : links) l->drop();
  return links.size();
}

void LiveStore::shutdown_all() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  for (const auto& l : links_for("")) l->shutdown();
}

std::string LiveStore::save(SavedLiveSession s) {
  std::string handle = random_hex(32);
  const size_t size = saved_size(s);
  std::lock_guard<std::mutex> lock(mu_);
  saved_[handle] = Saved{std::move(s), size};
  saved_bytes_ += size;
  saved_order_.push_back(handle);
  while (saved_order_.size() > 1 && (saved_order_.size() > kMaxSavedSessions || saved_bytes_ > kMaxSavedBytes)) {
    auto oldest = saved_.find(saved_order_.front());
    saved_bytes_ -= oldest->second.bytes;
    saved_.erase(oldest);
    saved_order_.pop_front();
  }
  return handle;
}

std::optional<SavedLiveSession> LiveStore::resume(const std::string& handle) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = saved_.find(handle);
  if (it == saved_.end()) return std::nullopt;
  return it->second.session;
}

void LiveStore::put_token(EphemeralToken t) {
  std::lock_guard<std::mutex> lock(mu_);
  if (tokens_.size() >= kMaxTokens) {
    // Forget the expired ones first; a store full of live tokens refuses none
    // (the oldest name goes).
    for (auto it = tokens_.begin(); it != tokens_.end();) {
      it = it->second.expire_time < t.expire_time - std::chrono::hours(24) ? tokens_.erase(it) : std::next(it);
    }
    if (tokens_.size() >= kMaxTokens) tokens_.erase(tokens_.begin());
  }
  tokens_[t.name] = std::move(t);
}

std::optional<EphemeralToken> LiveStore::use_token(const std::string& name, std::chrono::system_clock::time_point now,
                                                   bool resuming) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = tokens_.find(name);
  if (it == tokens_.end()) return std::nullopt;
  EphemeralToken& t = it->second;
  if (now >= t.expire_time) return std::nullopt;
  if (resuming) return t;
  if (now >= t.new_session_expire_time) return std::nullopt;
  if (t.uses > 0 && t.used >= t.uses) return std::nullopt;
  ++t.used;
  return t;
}

}  // namespace genai::emulator
