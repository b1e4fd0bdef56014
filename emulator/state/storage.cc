#include "emulator/state/storage.h"

#include <openssl/evp.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/atomic_file.h"
#include "core/errors.h"
#include "core/utf8.h"
#include "emulator/auth/crypto.h"

namespace genai::emulator {
namespace {

namespace fs = std::filesystem;
using gcs_json = nlohmann::json;

constexpr std::uint64_t kGcsQuantum = 256 * 1024;  // resumable chunks persist in whole units of this

Error gcs_error(const char* status, std::string message) { return internal::local_error(status, std::move(message)); }

std::string gcs_time(std::chrono::system_clock::time_point t) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  const std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
  return buf;
}

const std::array<std::uint32_t, 256>& gcs_crc_table() {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;  // Castagnoli, reflected
      t[i] = c;
    }
    return t;
  }();
  return table;
}

struct GcsHashes {
  std::uint64_t size = 0;
  std::string md5;
  std::string crc32c;
};

// MD5 and CRC32C of a file, read in pieces.
Result<GcsHashes> gcs_hash_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return gcs_error("INTERNAL", "cannot read " + path);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_DigestInit_ex(md.get(), EVP_md5(), nullptr);
  std::uint32_t crc = 0;
  GcsHashes out;
  std::vector<char> buf(1 << 16);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    const std::streamsize n = in.gcount();
    if (n <= 0) break;
    EVP_DigestUpdate(md.get(), buf.data(), static_cast<size_t>(n));
    crc = storage_crc32c(crc, std::string_view(buf.data(), static_cast<size_t>(n)));
    out.size += static_cast<std::uint64_t>(n);
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(md.get(), digest, &len);
  out.md5 = base64_encode(std::string_view(reinterpret_cast<const char*>(digest), len));
  out.crc32c = storage_crc32c_base64(crc);
  return out;
}

gcs_json gcs_object_to_json(const StoredObject& o) {
  return gcs_json{{"bucket", o.bucket}, {"name", o.name},           {"generation", o.generation},
                  {"metageneration", o.metageneration}, {"size", o.size}, {"md5", o.md5},
                  {"crc32c", o.crc32c}, {"contentType", o.content_type}, {"timeCreated", o.time_created},
                  {"updated", o.updated}, {"metadata", o.metadata}, {"file", fs::path(o.file).filename().string()}};
}

}  // namespace

std::uint32_t storage_crc32c(std::uint32_t crc, std::string_view data) {
  const auto& table = gcs_crc_table();
  crc = ~crc;
  for (unsigned char c : data) crc = table[(crc ^ c) & 0xFF] ^ (crc >> 8);
  return ~crc;
}

std::string storage_crc32c_base64(std::uint32_t crc) {
  const char be[4] = {static_cast<char>(crc >> 24), static_cast<char>(crc >> 16), static_cast<char>(crc >> 8),
                      static_cast<char>(crc)};
  return base64_encode(std::string_view(be, 4));
}

bool storage_object_name_valid(std::string_view name) {
  if (name.empty() || name.size() > 1024 || name == "." || name == "..") return false;
  if (internal::invalid_utf8_at(name)) return false;
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7F) return false;  // NUL, CR, LF and the other control characters
  }
  return name.rfind(".well-known/acme-challenge/", 0) != 0;
}

bool storage_bucket_name_valid(std::string_view name) {
  if (name.size() < 3 || name.size() > 63) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!alnum(name.front()) || !alnum(name.back())) return false;
  if (name.rfind("goog", 0) == 0 || name.find("..") != std::string_view::npos) return false;
  return std::all_of(name.begin(), name.end(), [&](char c) { return alnum(c) || c == '-' || c == '_' || c == '.'; });
}

StorageStore::StorageStore(std::string dir) : dir_(std::move(dir)) {
  if (dir_.empty()) {
    std::string tmpl = (fs::temp_directory_path() / "genai-emulator-gcs-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) != nullptr) {
      dir_ = tmpl;
      owns_dir_ = true;
    }
  }
  std::error_code ec;
  fs::create_directories(fs::path(dir_) / "objects", ec);
  fs::create_directories(fs::path(dir_) / "uploads", ec);
  if (!owns_dir_) load();
}

StorageStore::~StorageStore() {
  std::error_code ec;
  if (owns_dir_) fs::remove_all(dir_, ec);
}

std::string StorageStore::new_file_path(const char* kind) const {
  return (fs::path(dir_) / kind / random_hex(32)).string();
}

void StorageStore::clear() {
  std::lock_guard<std::mutex> lock(mu_);
  std::error_code ec;
  for (auto& [b, objects] : objects_) {
    for (auto& [n, o] : objects) fs::remove(o.file, ec);
  }
  for (auto& [id, u] : uploads_) fs::remove(u.file, ec);
  buckets_.clear();
  objects_.clear();
  uploads_.clear();
  save_locked();
}

Result<Bucket> StorageStore::create_bucket(const std::string& name, const std::string& project_id,
                                           const std::string& project_number,
                                           std::chrono::system_clock::time_point now, const std::string& location) {
  std::lock_guard<std::mutex> lock(mu_);
  if (buckets_.count(name)) return gcs_error("ALREADY_EXISTS", "bucket " + name + " exists");
  Bucket b;
  b.name = name;
  b.project_id = project_id;
  b.project_number = project_number;
  b.location = location;
  b.time_created = b.updated = gcs_time(now);
  b.bindings["roles/storage.legacyBucketOwner"] = {"projectEditor:" + project_id, "projectOwner:" + project_id};
  b.bindings["roles/storage.legacyBucketReader"] = {"projectViewer:" + project_id};
  buckets_[name] = b;
  objects_[name];
  save_locked();
  return b;
}

std::optional<Bucket> StorageStore::bucket(const std::string& name) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = buckets_.find(name);
  if (it == buckets_.end()) return std::nullopt;
  return it->second;
}

std::vector<Bucket> StorageStore::buckets(const std::string& project_id) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<Bucket> out;
  for (const auto& [n, b] : buckets_) {
    if (b.project_id == project_id) out.push_back(b);
  }
  return out;
}

Result<void> StorageStore::delete_bucket(const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  if (!buckets_.count(name)) return gcs_error("NOT_FOUND", "no bucket " + name);
  if (!objects_[name].empty()) return gcs_error("FAILED_PRECONDITION", "bucket " + name + " is not empty");
  buckets_.erase(name);
  objects_.erase(name);
  save_locked();
  return {};
}

Result<Bucket> StorageStore::set_bucket_bindings(const std::string& name,
                                                 std::map<std::string, std::set<std::string>> bindings,
                                                 long long expected_version) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = buckets_.find(name);
  if (it == buckets_.end()) return gcs_error("NOT_FOUND", "no bucket " + name);
  if (expected_version != 0 && expected_version != it->second.iam_version) {
    return gcs_error("ABORTED", "the policy changed since it was read");
  }
  it->second.bindings = std::move(bindings);
  ++it->second.iam_version;
  save_locked();
  return it->second;
}

Result<StoredObject> StorageStore::write_object(const std::string& bucket, const std::string& name,
                                                std::string_view data, const std::string& content_type,
                                                std::chrono::system_clock::time_point now,
                                                std::optional<long long> if_generation_match,
                                                std::map<std::string, std::string> metadata) {
  if (!storage_object_name_valid(name)) return gcs_error("INVALID_ARGUMENT", "invalid object name");
  const std::string temp = new_file_path("uploads");
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    if (!out.flush()) {
      std::error_code ec;
      fs::remove(temp, ec);
      return gcs_error("INTERNAL", "cannot write " + temp);
    }
  }
  return commit_file(bucket, name, temp, content_type, std::move(metadata), now, if_generation_match);
}

Result<StoredObject> StorageStore::commit_file(const std::string& bucket, const std::string& name,
                                               const std::string& temp_file, const std::string& content_type,
                                               std::map<std::string, std::string> metadata,
                                               std::chrono::system_clock::time_point now,
                                               std::optional<long long> if_generation_match) {
  std::error_code ec;
  Result<GcsHashes> hashes = gcs_hash_file(temp_file);
  if (!hashes) {
    fs::remove(temp_file, ec);
    return std::move(hashes).error();
  }
  const std::string final_path = new_file_path("objects");
  std::lock_guard<std::mutex> lock(mu_);
  if (!buckets_.count(bucket)) {
    fs::remove(temp_file, ec);
    return gcs_error("NOT_FOUND", "no bucket " + bucket);
  }
  auto& objects = objects_[bucket];
  auto existing = objects.find(name);
  if (if_generation_match) {
    const long long live = existing == objects.end() ? 0 : existing->second.generation;
    if (live != *if_generation_match) {
      fs::remove(temp_file, ec);
      return gcs_error("FAILED_PRECONDITION", "generation does not match");
    }
  }
  fs::rename(temp_file, final_path, ec);
  if (ec) {
    fs::remove(temp_file, ec);
    return gcs_error("INTERNAL", "cannot store the object's bytes");
  }
  StoredObject o;
  o.bucket = bucket;
  o.name = name;
  const long long micros = std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count();
  o.generation = last_generation_ = std::max(micros, last_generation_ + 1);
  o.size = hashes->size;
  o.md5 = hashes->md5;
  o.crc32c = hashes->crc32c;
  o.content_type = content_type.empty() ? "application/octet-stream" : content_type;
  o.time_created = o.updated = gcs_time(now);
  o.metadata = std::move(metadata);
  o.file = final_path;
  if (existing != objects.end()) fs::remove(existing->second.file, ec);  // open readers keep their descriptor
  objects[name] = o;
  save_locked();
  return o;
}

std::optional<StoredObject> StorageStore::object(const std::string& bucket, const std::string& name) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto b = objects_.find(bucket);
  if (b == objects_.end()) return std::nullopt;
  auto it = b->second.find(name);
  if (it == b->second.end()) return std::nullopt;
  return it->second;
}

Result<std::pair<StoredObject, std::shared_ptr<std::istream>>> StorageStore::open_object(
    const std::string& bucket, const std::string& name) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto b = objects_.find(bucket);
  if (b == objects_.end()) return gcs_error("NOT_FOUND", "no bucket " + bucket);
  auto it = b->second.find(name);
  if (it == b->second.end()) return gcs_error("NOT_FOUND", "no object " + name);
  auto in = std::make_shared<std::ifstream>(it->second.file, std::ios::binary);
  if (!*in) return gcs_error("INTERNAL", "the object's bytes are missing");
  return std::make_pair(it->second, std::shared_ptr<std::istream>(std::move(in)));
}

Result<std::string> StorageStore::read_object(const std::string& bucket, const std::string& name) const {
  auto opened = open_object(bucket, name);
  if (!opened) return std::move(opened).error();
  std::ostringstream ss;
  ss << opened->second->rdbuf();
  return ss.str();
}

ObjectListing StorageStore::list(const std::string& bucket, const std::string& prefix, const std::string& delimiter,
                                 const std::string& page_token, std::size_t max_results) const {
  std::lock_guard<std::mutex> lock(mu_);
  ObjectListing out;
  auto b = objects_.find(bucket);
  if (b == objects_.end()) return out;
  const std::string after = base64_decode(page_token).value_or("");
  if (max_results == 0) max_results = 1000;
  std::string last;
  auto it = after.empty() ? b->second.lower_bound(prefix) : b->second.upper_bound(after);
  for (; it != b->second.end(); ++it) {
    const std::string& n = it->first;
    if (n.compare(0, prefix.size(), prefix) != 0) break;
    std::string key = n;
    bool folded = false;
    if (!delimiter.empty()) {
      const size_t d = n.find(delimiter, prefix.size());
      if (d != std::string::npos) {
        key = n.substr(0, d + delimiter.size());
        folded = true;
      }
    }
    if (!after.empty() && key.compare(0, after.size(), after) == 0 && key.size() <= after.size()) continue;
    if (folded && !out.prefixes.empty() && out.prefixes.back() == key) continue;
    if (out.items.size() + out.prefixes.size() == max_results) {
      out.next_page_token = base64_encode(last);
      break;
    }
    if (folded) {
      out.prefixes.push_back(key);
    } else {
      out.items.push_back(it->second);
    }
    last = key;
  }
  return out;
}

Result<void> StorageStore::delete_object(const std::string& bucket, const std::string& name,
                                         std::optional<long long> generation) {
  std::lock_guard<std::mutex> lock(mu_);
  auto b = objects_.find(bucket);
  if (b == objects_.end()) return gcs_error("NOT_FOUND", "no bucket " + bucket);
  auto it = b->second.find(name);
  if (it == b->second.end() || (generation && *generation != it->second.generation)) {
    return gcs_error("NOT_FOUND", "no object " + name);
  }
  std::error_code ec;
  fs::remove(it->second.file, ec);
  b->second.erase(it);
  save_locked();
  return {};
}

GcsUploadSession StorageStore::start_upload(GcsUploadSession session) {
  session.id = "AHVrFx" + random_string(64, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");
  session.file = new_file_path("uploads");
  session.committed = 0;
  std::ofstream(session.file, std::ios::binary | std::ios::trunc);
  std::lock_guard<std::mutex> lock(mu_);
  uploads_[session.id] = session;
  return session;
}

std::optional<GcsUploadSession> StorageStore::upload(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = uploads_.find(id);
  if (it == uploads_.end()) return std::nullopt;
  return it->second;
}

Result<GcsUploadSession> StorageStore::append_upload(const std::string& id, std::uint64_t offset, std::string_view data,
                                                  std::optional<std::uint64_t> total, bool final) {
  // One writer per session at a time: the lock is held while the chunk is
  // appended (a chunk is bounded by the request size limit).
  std::lock_guard<std::mutex> lock(mu_);
  auto it = uploads_.find(id);
  if (it == uploads_.end()) return gcs_error("NOT_FOUND", "no upload session");
  GcsUploadSession& s = it->second;
  if (total) {
    if (s.total && *s.total != *total) return gcs_error("INVALID_ARGUMENT", "the total size changed");
    if (*total < s.committed) return gcs_error("INVALID_ARGUMENT", "the total size is below what was received");
    s.total = total;
  }
  if (offset > s.committed) return gcs_error("INVALID_ARGUMENT", "the chunk leaves a gap");
  const std::uint64_t skip = s.committed - offset;
  if (skip < data.size()) {
    std::string_view fresh = data.substr(static_cast<size_t>(skip));
    if (!final) {
      const std::uint64_t end = ((s.committed + fresh.size()) / kGcsQuantum) * kGcsQuantum;
      fresh = fresh.substr(0, static_cast<size_t>(end > s.committed ? end - s.committed : 0));
    }
    std::ofstream out(s.file, std::ios::binary | std::ios::app);
    out.write(fresh.data(), static_cast<std::streamsize>(fresh.size()));
    if (!out.flush()) return gcs_error("INTERNAL", "cannot store the upload's bytes");
    s.committed += fresh.size();
  }
  return s;
}

Result<StoredObject> StorageStore::finish_upload(const std::string& id, std::chrono::system_clock::time_point now) {
  GcsUploadSession s;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = uploads_.find(id);
    if (it == uploads_.end()) return gcs_error("NOT_FOUND", "no upload session");
    s = it->second;
    uploads_.erase(it);
  }
  return commit_file(s.bucket, s.name, s.file, s.content_type, s.metadata, now, s.if_generation_match);
}

void StorageStore::cancel_upload(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = uploads_.find(id);
  if (it == uploads_.end()) return;
  std::error_code ec;
  fs::remove(it->second.file, ec);
  uploads_.erase(it);
}

void StorageStore::save_locked() const {
  if (owns_dir_) return;  // a temporary store is not kept
  gcs_json j;
  j["lastGeneration"] = last_generation_;
  j["buckets"] = gcs_json::array();
  for (const auto& [n, b] : buckets_) {
    j["buckets"].push_back({{"name", b.name}, {"projectId", b.project_id}, {"projectNumber", b.project_number},
                            {"location", b.location}, {"storageClass", b.storage_class},
                            {"timeCreated", b.time_created}, {"updated", b.updated},
                            {"metageneration", b.metageneration}, {"bindings", b.bindings},
                            {"iamVersion", b.iam_version}});
  }
  j["objects"] = gcs_json::array();
  for (const auto& [bn, objects] : objects_) {
    for (const auto& [n, o] : objects) j["objects"].push_back(gcs_object_to_json(o));
  }
  (void)internal::write_file_atomically((fs::path(dir_) / "index.json").string(), j.dump(), true, 0600);
}

void StorageStore::load() {
  std::ifstream in(fs::path(dir_) / "index.json");
  if (!in) return;
  const gcs_json j = gcs_json::parse(in, nullptr, false);
  if (!j.is_object()) return;
  last_generation_ = j.value("lastGeneration", 0LL);
  for (const gcs_json& b : j.value("buckets", gcs_json::array())) {
    Bucket x;
    x.name = b.value("name", "");
    x.project_id = b.value("projectId", "");
    x.project_number = b.value("projectNumber", "");
    x.location = b.value("location", "US");
    x.storage_class = b.value("storageClass", "STANDARD");
    x.time_created = b.value("timeCreated", "");
    x.updated = b.value("updated", "");
    x.metageneration = b.value("metageneration", 1LL);
    x.bindings = b.value("bindings", std::map<std::string, std::set<std::string>>{});
    x.iam_version = b.value("iamVersion", 1LL);
    buckets_[x.name] = x;
    objects_[x.name];
  }
  for (const gcs_json& o : j.value("objects", gcs_json::array())) {
    StoredObject x;
    x.bucket = o.value("bucket", "");
    x.name = o.value("name", "");
    x.generation = o.value("generation", 0LL);
    x.metageneration = o.value("metageneration", 1LL);
    x.size = o.value("size", std::uint64_t{0});
    x.md5 = o.value("md5", "");
    x.crc32c = o.value("crc32c", "");
    x.content_type = o.value("contentType", "");
    x.time_created = o.value("timeCreated", "");
    x.updated = o.value("updated", "");
    x.metadata = o.value("metadata", std::map<std::string, std::string>{});
    const std::string file = o.value("file", "");
    if (file.empty() || file.find('/') != std::string::npos || !buckets_.count(x.bucket)) continue;
    x.file = (fs::path(dir_) / "objects" / file).string();
    objects_[x.bucket][x.name] = x;
  }
  // Upload sessions do not survive a restart; their partial files go.
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(fs::path(dir_) / "uploads", ec)) fs::remove(e.path(), ec);
}

std::optional<std::pair<std::string, std::string>> split_gs_uri(const std::string& uri) {
  if (uri.rfind("gs://", 0) != 0) return std::nullopt;
  const auto slash = uri.find('/', 5);
  if (slash == std::string::npos || slash == 5) return std::nullopt;
  return std::make_pair(uri.substr(5, slash - 5), uri.substr(slash + 1));
}

}  // namespace genai::emulator
