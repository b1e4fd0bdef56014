#include "emulator/state/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include "emulator/auth/crypto.h"

namespace genai::emulator {
namespace {

namespace fs = std::filesystem;

long long file_store_micros(SystemTime t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}
SystemTime file_store_time(long long micros) {
  return SystemTime(std::chrono::duration_cast<SystemTime::duration>(std::chrono::microseconds(micros)));
}

// Writes `bytes` at `offset` of `path` (created if missing); false on failure.
bool file_store_pwrite(const std::string& path, std::uint64_t offset, std::string_view bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  bool ok = ::ftruncate(fd, static_cast<off_t>(offset)) == 0;  // drop anything past what was acknowledged
  std::size_t done = 0;
  while (ok && done < bytes.size()) {
    const ssize_t n = ::pwrite(fd, bytes.data() + done, bytes.size() - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) ok = false;
    else done += static_cast<std::size_t>(n);
  }
  return ::close(fd) == 0 && ok;
}

std::string file_store_sha256(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
  std::string buf(1 << 20, '\0');
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    if (in.gcount() > 0) EVP_DigestUpdate(ctx, buf.data(), static_cast<std::size_t>(in.gcount()));
  }
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx, md, &len);
  EVP_MD_CTX_free(ctx);
  return std::string(reinterpret_cast<const char*>(md), len);
}

}  // namespace

std::string file_time(SystemTime t) {
  const std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  const long long micros = file_store_micros(t) % 1000000;
  char out[64];
  std::snprintf(out, sizeof out, "%s.%06lldZ", buf, micros < 0 ? micros + 1000000 : micros);
  return out;
}

FileStore::FileStore(std::string dir) : dir_(std::move(dir)) {
  if (dir_.empty()) {
    std::string tmpl = (fs::temp_directory_path() / "genai-emulator-files-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) != nullptr) {
      dir_ = tmpl;
      temporary_ = true;
    } else {
      dir_ = (fs::temp_directory_path() / ("genai-emulator-files-" + random_hex(12))).string();
      temporary_ = true;
    }
  }
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (!temporary_) load_index();
}

FileStore::~FileStore() {
  if (temporary_) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
}

std::string FileStore::new_id() { return random_string(12, "abcdefghijklmnopqrstuvwxyz0123456789"); }

bool FileStore::id_free(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  if (files_.count(id)) return false;
  return std::none_of(uploads_.begin(), uploads_.end(),
                      [&](const auto& u) { return u.second.file_id == id && !u.second.final; });
}

UploadSession FileStore::start_upload(UploadSession session) {
  session.id = "emu-" + random_hex(32);
  session.path = (fs::path(dir_) / (session.id + ".part")).string();
  session.received = 0;
  session.final = false;
  (void)file_store_pwrite(session.path, 0, {});
  std::lock_guard<std::mutex> lock(mu_);
  uploads_[session.id] = session;
  return session;
}

std::optional<UploadSession> FileStore::upload(const std::string& upload_id) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = uploads_.find(upload_id);
  if (it == uploads_.end()) return std::nullopt;
  return it->second;
}

std::optional<UploadSession> FileStore::append(const std::string& upload_id, std::string_view bytes) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = uploads_.find(upload_id);
  if (it == uploads_.end() || it->second.final) return std::nullopt;
  UploadSession& s = it->second;
  if (!file_store_pwrite(s.path, s.received, bytes)) return std::nullopt;
  s.received += bytes.size();
  return s;
}

std::optional<std::string> FileStore::finish_upload(const std::string& upload_id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = uploads_.find(upload_id);
  if (it == uploads_.end() || it->second.final) return std::nullopt;
  std::ifstream in(it->second.path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  in.close();
  std::error_code ec;
  fs::remove(it->second.path, ec);
  it->second.final = true;
  return ss.str();
}

std::optional<StoredFile> FileStore::finalize(const std::string& upload_id, SystemTime now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = uploads_.find(upload_id);
  if (it == uploads_.end()) return std::nullopt;
  UploadSession& s = it->second;
  if (s.final) {
    auto f = files_.find(s.file_id);
    if (f == files_.end()) return std::nullopt;
    return f->second;
  }
  StoredFile f;
  f.id = s.file_id;
  f.owner = s.owner;
  f.display_name = s.display_name;
  f.mime_type = s.mime_type;
  f.size = s.received;
  f.create_time = now;
  f.active_time = f.mime_type.rfind("video/", 0) == 0 ? now + kVideoProcessingTime : now;
  f.path = (fs::path(dir_) / (f.id + ".bin")).string();
  std::error_code ec;
  fs::rename(s.path, f.path, ec);
  if (ec) return std::nullopt;
  f.sha256 = file_store_sha256(f.path);
  s.final = true;
  files_[f.id] = f;
  save_index_locked();
  return f;
}

std::optional<StoredFile> FileStore::put_generated(const std::string& owner, const std::string& mime_type,
                                                   std::string_view bytes, SystemTime now) {
  StoredFile f;
  f.id = new_id();
  f.owner = owner;
  f.mime_type = mime_type;
  f.size = bytes.size();
  f.create_time = now;
  f.active_time = now;
  f.generated = true;
  f.path = (fs::path(dir_) / (f.id + ".bin")).string();
  if (!file_store_pwrite(f.path, 0, bytes)) return std::nullopt;
  f.sha256 = file_store_sha256(f.path);
  std::lock_guard<std::mutex> lock(mu_);
  files_[f.id] = f;
  save_index_locked();
  return f;
}

void FileStore::expire_locked(SystemTime now) {
  bool changed = false;
  for (auto it = files_.begin(); it != files_.end();) {
    if (now >= it->second.expiration_time()) {
      std::error_code ec;
      fs::remove(it->second.path, ec);
      it = files_.erase(it);
      changed = true;
    } else {
      ++it;
    }
  }
  if (changed) save_index_locked();
}

std::optional<StoredFile> FileStore::get(const std::string& owner, const std::string& id, SystemTime now) {
  std::lock_guard<std::mutex> lock(mu_);
  expire_locked(now);
  auto it = files_.find(id);
  if (it == files_.end() || it->second.owner != owner) return std::nullopt;
  return it->second;
}

std::vector<StoredFile> FileStore::list(const std::string& owner, SystemTime now) {
  std::lock_guard<std::mutex> lock(mu_);
  expire_locked(now);
  std::vector<StoredFile> out;
  for (const auto& [id, f] : files_) {
    if (f.owner == owner) out.push_back(f);
  }
  std::stable_sort(out.begin(), out.end(), [](const StoredFile& a, const StoredFile& b) {
    return a.create_time != b.create_time ? a.create_time > b.create_time : a.id < b.id;
  });
  return out;
}

bool FileStore::remove(const std::string& owner, const std::string& id, SystemTime now) {
  std::lock_guard<std::mutex> lock(mu_);
  expire_locked(now);
  auto it = files_.find(id);
  if (it == files_.end() || it->second.owner != owner) return false;
  std::error_code ec;
  fs::remove(it->second.path, ec);
  files_.erase(it);
  save_index_locked();
  return true;
}

std::string FileStore::read(const StoredFile& f, std::uint64_t offset, std::size_t max) const {
  std::ifstream in(f.path, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(offset));
  std::string out(max, '\0');
  in.read(out.data(), static_cast<std::streamsize>(max));
  out.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
  return out;
}

void FileStore::save_index_locked() const {
  if (temporary_) return;
  nlohmann::json index = nlohmann::json::array();
  for (const auto& [id, f] : files_) {
    index.push_back({{"id", f.id},
                     {"owner", f.owner},
                     {"displayName", f.display_name},
                     {"mimeType", f.mime_type},
                     {"size", f.size},
                     {"createMicros", file_store_micros(f.create_time)},
                     {"activeMicros", file_store_micros(f.active_time)},
                     {"sha256", base64_encode(f.sha256)},
                     {"generated", f.generated}});
  }
  const fs::path tmp = fs::path(dir_) / "index.json.tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << index.dump(1) << "\n";
    if (!out) return;
  }
  std::error_code ec;
  fs::rename(tmp, fs::path(dir_) / "index.json", ec);
}

void FileStore::load_index() {
  std::ifstream in(fs::path(dir_) / "index.json", std::ios::binary);
  if (!in) return;
  std::stringstream ss;
  ss << in.rdbuf();
  const nlohmann::json index = nlohmann::json::parse(ss.str(), nullptr, false);
  if (!index.is_array()) return;
  for (const nlohmann::json& e : index) {
    if (!e.is_object() || !e.value("id", nlohmann::json()).is_string()) continue;
    StoredFile f;
    f.id = e.value("id", "");
    f.owner = e.value("owner", "");
    f.display_name = e.value("displayName", "");
    f.mime_type = e.value("mimeType", "");
    f.size = e.value("size", std::uint64_t{0});
    f.create_time = file_store_time(e.value("createMicros", 0LL));
    f.active_time = file_store_time(e.value("activeMicros", 0LL));
    f.sha256 = base64_decode(e.value("sha256", "")).value_or("");
    f.generated = e.value("generated", false);
    f.path = (fs::path(dir_) / (f.id + ".bin")).string();
    std::error_code ec;
    if (f.id.find('/') == std::string::npos && fs::exists(f.path, ec)) files_[f.id] = std::move(f);
  }
}

}  // namespace genai::emulator
