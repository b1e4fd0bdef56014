#include "emulator/state/caches.h"

#include <algorithm>
#include <random>

namespace genai::emulator {
namespace {

std::string random_id(bool vertex) {
  static constexpr char kAlnum[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::random_device rd;
  std::string id;
  if (vertex) {
    id += static_cast<char>('1' + rd() % 9);  // a number: no leading zero
    while (id.size() < 19) id += static_cast<char>('0' + rd() % 10);
  } else {
    while (id.size() < 12) id += kAlnum[rd() % 36];
  }
  return id;
}

bool live(const CachedEntry& e, const std::string& owner, std::chrono::system_clock::time_point now) {
  return e.owner == owner && e.expire_time > now;
}

}  // namespace

CachedEntry CacheStore::create(CachedEntry e) {
  std::lock_guard<std::mutex> lock(mu_);
  do {
    e.id = random_id(e.vertex);
  } while (entries_.count(e.id));
  order_.push_back(e.id);
  entries_[e.id] = e;
  return e;
}

std::optional<CachedEntry> CacheStore::get(const std::string& owner, const std::string& id,
                                           std::chrono::system_clock::time_point now) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(id);
  if (it == entries_.end() || !live(it->second, owner, now)) return std::nullopt;
  return it->second;
}

std::optional<CachedEntry> CacheStore::set_expiry(const std::string& owner, const std::string& id,
                                                  std::chrono::system_clock::time_point expire,
                                                  std::chrono::system_clock::time_point now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(id);
  if (it == entries_.end() || !live(it->second, owner, now)) return std::nullopt;
  it->second.expire_time = expire;
  it->second.update_time = now;
  return it->second;
}

bool CacheStore::remove(const std::string& owner, const std::string& id, std::chrono::system_clock::time_point now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(id);
  if (it == entries_.end() || !live(it->second, owner, now)) return false;
  entries_.erase(it);
  order_.erase(std::remove(order_.begin(), order_.end(), id), order_.end());
  return true;
}

std::vector<CachedEntry> CacheStore::list(const std::string& owner, bool vertex,
                                          std::chrono::system_clock::time_point now) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<CachedEntry> out;
  for (const std::string& id : order_) {
    const CachedEntry& e = entries_.at(id);
    if (live(e, owner, now) && e.vertex == vertex) out.push_back(e);
  }
  return out;
}

}  // namespace genai::emulator
