// The bulk runner's input: request lines and the reader that hashes them.
#include "client/bulk_input.h"

#include <openssl/evp.h>

#include <fstream>

#include "core/errors.h"
#include "core/json_parse.h"
#include "core/json_types.h"

namespace genai::internal {

using nlohmann::json;

namespace {

// Google refuses a request body over 20 MiB; a longer line cannot be sent.
constexpr std::size_t kMaxBulkLineBytes = std::size_t{20} << 20;

Error bulk_line_error(std::string message) {
  return invalid_argument(std::move(message),
                          "Each line is a JSON string (a prompt), or an object {\"key\": ..., \"request\": "
                          "{\"contents\": [...], ...}} or {\"key\": ..., \"prompt\": \"...\"} (docs/run.md).");
}

Result<std::string> bulk_key_of(const json& line, std::int64_t line_number) {
  auto it = line.find("key");
  if (it == line.end() || it->is_null()) return line_number_key(line_number);
  if (it->is_string()) {
    if (it->get_ref<const std::string&>().empty()) return bulk_line_error("\"key\" is empty");
    return it->get<std::string>();
  }
  if (it->is_number_integer()) return it->dump();
  return bulk_line_error(std::string("\"key\" must be a string, not ") + it->type_name());
}

Result<std::vector<Content>> bulk_contents_of(const json& request) {
  auto it = request.find("contents");
  if (it == request.end()) return bulk_line_error("the request has no \"contents\"");
  if (!it->is_array() || it->empty()) return bulk_line_error("\"contents\" must be a non-empty array of Content");
  std::vector<Content> contents;
  contents.reserve(it->size());
  for (std::size_t i = 0; i < it->size(); ++i) {
    const json& c = (*it)[i];
    if (!c.is_object() || !c.contains("parts") || !c["parts"].is_array()) {
      return bulk_line_error("contents[" + std::to_string(i) + "] must be an object with a \"parts\" array");
    }
    try {
      contents.push_back(c.get<Content>());
    } catch (const std::exception& e) {
      return bulk_line_error("contents[" + std::to_string(i) + "] is not a Content: " + e.what());
    }
  }
  return contents;
}

}  // namespace

std::string line_number_key(std::int64_t line_number) { return std::to_string(line_number); }

Result<BulkLine> parse_bulk_line(std::string_view text, std::int64_t line_number) {
  if (text.size() > kMaxBulkLineBytes) {
    return bulk_line_error("the line is " + std::to_string(text.size()) +
                           " bytes, over the 20 MiB Google accepts in one request");
  }
  JsonParseFailure why = JsonParseFailure::kNone;
  json j = parse_json(text, &why);
  if (j.is_discarded()) {
    return bulk_line_error(why == JsonParseFailure::kTooDeep ? "the line nests JSON too deeply"
                                                             : "the line is not valid JSON");
  }
  BulkLine out;
  out.estimated_tokens = static_cast<double>(text.size()) / 4;
  if (j.is_string()) {
    if (j.get_ref<const std::string&>().empty()) return bulk_line_error("the prompt is empty");
    out.key = line_number_key(line_number);
    out.contents = {Content::from_text(j.get_ref<const std::string&>())};
    out.overlay = json::object();
    return out;
  }
  if (!j.is_object()) {
    return bulk_line_error(std::string("the line is a JSON ") + j.type_name() + ", not a prompt or a request");
  }
  Result<std::string> key = bulk_key_of(j, line_number);
  if (!key) return std::move(key).error();
  out.key = std::move(*key);
  if (auto m = j.find("model"); m != j.end()) {
    if (!m->is_string() || m->get_ref<const std::string&>().empty()) {
      return bulk_line_error("\"model\" must be a non-empty string");
    }
    out.model = m->get<std::string>();
  }
  json request;
  if (auto r = j.find("request"); r != j.end()) {
    if (!r->is_object()) return bulk_line_error("\"request\" must be an object (a GenerateContentRequest)");
    request = std::move(*r);
  } else if (auto p = j.find("prompt"); p != j.end()) {
    if (!p->is_string() || p->get_ref<const std::string&>().empty()) {
      return bulk_line_error("\"prompt\" must be a non-empty string");
    }
    out.contents = {Content::from_text(p->get_ref<const std::string&>())};
    out.overlay = json::object();
    return out;
  } else if (j.contains("contents")) {  // a bare GenerateContentRequest
    request = std::move(j);
    request.erase("key");
  } else {
    return bulk_line_error("the object has neither \"request\" nor \"prompt\"");
  }
  // The Batch API's lines may name the model inside the request.
  if (auto m = request.find("model"); m != request.end()) {
    if (!m->is_string()) return bulk_line_error("\"request.model\" must be a string");
    if (!out.model) out.model = m->get<std::string>();
    request.erase(m);
  }
  Result<std::vector<Content>> contents = bulk_contents_of(request);
  if (!contents) return std::move(contents).error();
  out.contents = std::move(*contents);
  request.erase("contents");
  out.overlay = std::move(request);
  return out;
}

struct BulkLineReader::Impl {
  std::ifstream in;
  std::string path;
  std::int64_t number = 0;
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> sha{EVP_MD_CTX_new(), &EVP_MD_CTX_free};
};

Result<BulkLineReader> BulkLineReader::open(const std::string& path) {
  BulkLineReader r;
  r.impl_ = std::make_unique<Impl>();
  r.impl_->path = path;
  r.impl_->in.open(path, std::ios::binary);
  if (!r.impl_->in) return file_error_from_errno(errno, "read the requests file", path);
  if (!r.impl_->sha || EVP_DigestInit_ex(r.impl_->sha.get(), EVP_sha256(), nullptr) != 1) {
    return local_error("INTERNAL", "SHA-256 is not available from OpenSSL");
  }
  return r;
}

BulkLineReader::BulkLineReader(BulkLineReader&&) noexcept = default;
BulkLineReader::~BulkLineReader() = default;

bool BulkLineReader::next(std::string& line, std::int64_t& number, std::optional<Error>* error) {
  while (std::getline(impl_->in, line)) {
    ++impl_->number;
    EVP_DigestUpdate(impl_->sha.get(), line.data(), line.size());
    if (!impl_->in.eof()) EVP_DigestUpdate(impl_->sha.get(), "\n", 1);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    number = impl_->number;
    return true;
  }
  if (impl_->in.bad() && error) *error = file_error_from_errno(errno, "read the requests file", impl_->path);
  return false;
}

std::string BulkLineReader::sha256_hex() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> copy{EVP_MD_CTX_new(), &EVP_MD_CTX_free};
  EVP_MD_CTX_copy_ex(copy.get(), impl_->sha.get());
  EVP_DigestFinal_ex(copy.get(), digest, &n);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < n; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

}  // namespace genai::internal
