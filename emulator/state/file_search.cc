#include "emulator/state/file_search.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "emulator/auth/crypto.h"

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;
using SysTime = std::chrono::system_clock::time_point;

long long fss_micros(SysTime t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}
SysTime fss_time(long long micros) {
  return SysTime(std::chrono::duration_cast<SysTime::duration>(std::chrono::microseconds(micros)));
}

ojson fss_document_json(const SearchDocument& d) {
  return ojson{{"id", d.id},
               {"displayName", d.display_name},
               {"mimeType", d.mime_type},
               {"size", d.size},
               {"createMicros", fss_micros(d.create_time)},
               {"activeMicros", fss_micros(d.active_time)},
               {"failure", d.failure},
               {"customMetadata", d.custom_metadata},
               {"chunks", d.chunks}};
}

SearchDocument fss_document_from(const ojson& j) {
  SearchDocument d;
  d.id = j.value("id", "");
  d.display_name = j.value("displayName", "");
  d.mime_type = j.value("mimeType", "");
  d.size = j.value("size", std::uint64_t{0});
  d.create_time = fss_time(j.value("createMicros", 0LL));
  d.active_time = fss_time(j.value("activeMicros", 0LL));
  d.failure = j.value("failure", "");
  d.custom_metadata = j.value("customMetadata", ojson::array());
  for (const ojson& c : j.value("chunks", ojson::array())) {
    if (c.is_string()) d.chunks.push_back(c.get<std::string>());
  }
  return d;
}

}  // namespace

FileSearchState::FileSearchState(std::string path) : path_(std::move(path)) {
  if (!path_.empty()) load();
}

std::string FileSearchState::derive_id(const std::string& display_name) {
  std::string base;
  for (char c : display_name) {
    const char l = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9')) {
      base += l;
    } else if (!base.empty() && base.back() != '-') {
      base += '-';
    }
    if (base.size() >= 27) break;
  }
  while (!base.empty() && base.back() == '-') base.pop_back();
  const std::string suffix = random_string(12, "abcdefghijklmnopqrstuvwxyz0123456789");
  return base.empty() ? suffix : base + "-" + suffix;
}

SearchStore FileSearchState::create_store(const std::string& owner, const std::string& display_name,
                                          const std::string& embedding_model, SysTime now) {
  SearchStore s;
  s.owner = owner;
  s.display_name = display_name;
  s.embedding_model = embedding_model;
  s.create_time = now;
  s.update_time = now;
  std::lock_guard<std::mutex> lock(mu_);
  do s.id = derive_id(display_name); while (stores_.count(s.id));
  stores_[s.id] = s;
  save_locked();
  return s;
}

std::optional<SearchStore> FileSearchState::store(const std::string& owner, const std::string& id) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = stores_.find(id);
  if (it == stores_.end() || it->second.owner != owner) return std::nullopt;
  return it->second;
}

std::vector<SearchStore> FileSearchState::stores(const std::string& owner) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<SearchStore> out;
  for (const auto& [id, s] : stores_) {
    if (s.owner == owner) out.push_back(s);
  }
  std::stable_sort(out.begin(), out.end(), [](const SearchStore& a, const SearchStore& b) {
    return a.create_time != b.create_time ? a.create_time < b.create_time : a.id < b.id;
  });
  return out;
}

FileSearchState::Removal FileSearchState::remove_store(const std::string& owner, const std::string& id, bool force) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = stores_.find(id);
  if (it == stores_.end() || it->second.owner != owner) return Removal::kNotFound;
  if (!force && !it->second.documents.empty()) return Removal::kNotEmpty;
  stores_.erase(it);
  save_locked();
  return Removal::kRemoved;
}

std::optional<SearchDocument> FileSearchState::add_document(const std::string& owner, const std::string& store_id,
                                                            SearchDocument doc) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = stores_.find(store_id);
  if (it == stores_.end() || it->second.owner != owner) return std::nullopt;
  do doc.id = derive_id(doc.display_name); while (it->second.documents.count(doc.id));
  it->second.documents[doc.id] = doc;
  it->second.update_time = doc.create_time;
  save_locked();
  return doc;
}

FileSearchState::Removal FileSearchState::remove_document(const std::string& owner, const std::string& store_id,
                                                          const std::string& doc_id, bool force, SysTime now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = stores_.find(store_id);
  if (it == stores_.end() || it->second.owner != owner) return Removal::kNotFound;
  auto d = it->second.documents.find(doc_id);
  if (d == it->second.documents.end()) return Removal::kNotFound;
  // An indexed document has chunks: Google deletes them only with force.
  if (!force && !d->second.chunks.empty()) return Removal::kNotEmpty;
  it->second.documents.erase(d);
  it->second.update_time = now;
  save_locked();
  return Removal::kRemoved;
}

void FileSearchState::put_operation(SearchOperation op) {
  std::lock_guard<std::mutex> lock(mu_);
  operations_[op.name] = std::move(op);
  save_locked();
}

std::optional<SearchOperation> FileSearchState::operation(const std::string& owner, const std::string& name) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = operations_.find(name);
  if (it == operations_.end() || it->second.owner != owner) return std::nullopt;
  return it->second;
}

void FileSearchState::set_upload_operation(const std::string& upload_id, const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  uploads_[upload_id] = name;
}

std::optional<std::string> FileSearchState::upload_operation(const std::string& upload_id) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = uploads_.find(upload_id);
  if (it == uploads_.end()) return std::nullopt;
  return it->second;
}

void FileSearchState::save_locked() const {
  if (path_.empty()) return;
  ojson j;
  ojson stores = ojson::array();
  for (const auto& [id, s] : stores_) {
    ojson docs = ojson::array();
    for (const auto& [doc_id, d] : s.documents) docs.push_back(fss_document_json(d));
    stores.push_back(ojson{{"id", s.id},
                           {"owner", s.owner},
                           {"displayName", s.display_name},
                           {"embeddingModel", s.embedding_model},
                           {"createMicros", fss_micros(s.create_time)},
                           {"updateMicros", fss_micros(s.update_time)},
                           {"documents", std::move(docs)}});
  }
  j["stores"] = std::move(stores);
  ojson ops = ojson::array();
  for (const auto& [name, op] : operations_) {
    ops.push_back(ojson{{"name", op.name},
                        {"owner", op.owner},
                        {"doneMicros", fss_micros(op.done_time)},
                        {"response", op.response},
                        {"error", op.error}});
  }
  j["operations"] = std::move(ops);
  // Written whole to a temporary file, then renamed over the old one.
  const std::string tmp = path_ + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << j.dump() << "\n";
    if (!out) return;
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path_, ec);
}

void FileSearchState::load() {
  std::ifstream in(path_, std::ios::binary);
  if (!in) return;
  std::stringstream ss;
  ss << in.rdbuf();
  const ojson j = ojson::parse(ss.str(), nullptr, false);
  if (!j.is_object()) return;
  try {
    for (const ojson& e : j.value("stores", ojson::array())) {
      SearchStore s;
      s.id = e.value("id", "");
      if (s.id.empty()) continue;
      s.owner = e.value("owner", "");
      s.display_name = e.value("displayName", "");
      s.embedding_model = e.value("embeddingModel", "");
      s.create_time = fss_time(e.value("createMicros", 0LL));
      s.update_time = fss_time(e.value("updateMicros", 0LL));
      for (const ojson& d : e.value("documents", ojson::array())) {
        SearchDocument doc = fss_document_from(d);
        if (!doc.id.empty()) s.documents[doc.id] = std::move(doc);
      }
      stores_[s.id] = std::move(s);
    }
    for (const ojson& e : j.value("operations", ojson::array())) {
      SearchOperation op;
      op.name = e.value("name", "");
      op.owner = e.value("owner", "");
      op.done_time = fss_time(e.value("doneMicros", 0LL));
      op.response = e.value("response", ojson());
      op.error = e.value("error", ojson());
      if (!op.name.empty()) operations_[op.name] = std::move(op);
    }
  } catch (const nlohmann::json::exception&) {
    // A damaged file: start from what was read.
  }
}

}  // namespace genai::emulator
