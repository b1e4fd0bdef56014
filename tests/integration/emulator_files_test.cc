// The emulator's Files API on the wire, spoken by a plain HTTP client (not
// libgenai, so a bug shared with the client cannot hide): the resumable
// upload protocol (start, upload, "upload, finalize", query), its refusals,
// the raw and multipart forms, get/list/delete/download, per-project isolation, PROCESSING →
// ACTIVE on the emulator's clock, the cutupload fault, and fileData parts in
// generateContent.
#include <httplib.h>
#include <openssl/evp.h>

#include <unistd.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "emulator/common/clock.h"
#include "emulator/state/files.h"
#include "tests/support/emulator_fixture.h"

namespace genai::testing {
namespace {

using nlohmann::json;

std::string sha256_base64(const std::string& bytes) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), md, &len, EVP_sha256(), nullptr);
  return base64_encode(std::string(reinterpret_cast<const char*>(md), len));
}

class EmulatorFilesTest : public EmulatorTest {
 protected:
  httplib::Headers auth(const std::string& key) const { return {{"x-goog-api-key", key}}; }

  // Starts a resumable upload; returns the upload URL's path and query.
  std::string start(const std::string& key, std::size_t size, const std::string& mime, const json& file = json::object(),
                    httplib::Response* out = nullptr) {
    httplib::Client http(base_url());
    httplib::Headers h = auth(key);
    h.emplace("X-Goog-Upload-Protocol", "resumable");
    h.emplace("X-Goog-Upload-Command", "start");
    h.emplace("X-Goog-Upload-Header-Content-Length", std::to_string(size));
    h.emplace("X-Goog-Upload-Header-Content-Type", mime);
    auto r = http.Post("/upload/v1beta/files", h, json{{"file", file}}.dump(), "application/json");
    EXPECT_TRUE(r);
    if (!r) return {};
    const std::string url = r->get_header_value("x-goog-upload-url");
    if (out) *out = *r;
    return url.empty() ? url : url.substr(base_url().size());
  }

  httplib::Result chunk(const std::string& url, const std::string& command, std::uint64_t offset,
                        const std::string& bytes) {
    httplib::Client http(base_url());
    httplib::Headers h{{"X-Goog-Upload-Command", command}, {"X-Goog-Upload-Offset", std::to_string(offset)}};
    return http.Post(url, h, bytes, "application/octet-stream");
  }

  httplib::Result query(const std::string& url) {
    httplib::Client http(base_url());
    return http.Post(url, httplib::Headers{{"X-Goog-Upload-Command", "query"}}, "", "application/octet-stream");
  }

  json upload(const std::string& key, const std::string& bytes, const std::string& mime, const json& file = json::object()) {
    const std::string url = start(key, bytes.size(), mime, file);
    auto r = chunk(url, "upload, finalize", 0, bytes);
    EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
    return r ? json::parse(r->body, nullptr, false) : json();
  }

  httplib::Result get(const std::string& key, const std::string& path) {
    httplib::Client http(base_url());
    return http.Get(path, auth(key));
  }
};

TEST_F(EmulatorFilesTest, ResumableUploadInChunksThenGet) {
  httplib::Response started;
  const std::string url = start(key(), 10, "text/plain", {{"displayName", "notes"}}, &started);
  ASSERT_FALSE(url.empty());
  EXPECT_EQ(started.get_header_value("x-goog-upload-status"), "active");
  EXPECT_EQ(started.get_header_value("x-goog-upload-chunk-granularity"), "8388608");
  EXPECT_NE(url.find("upload_id="), std::string::npos);

  auto first = chunk(url, "upload", 0, "hello");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(first->get_header_value("x-goog-upload-status"), "active");
  auto q = query(url);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->get_header_value("x-goog-upload-size-received"), "5");
  EXPECT_EQ(q->get_header_value("x-goog-upload-status"), "active");

  auto wrong = chunk(url, "upload", 3, "lo wo");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 400);
  EXPECT_NE(wrong->body.find("does not match the 5 bytes received"), std::string::npos) << wrong->body;

  auto last = chunk(url, "upload, finalize", 5, "world");
  ASSERT_TRUE(last);
  ASSERT_EQ(last->status, 200) << last->body;
  EXPECT_EQ(last->get_header_value("x-goog-upload-status"), "final");
  const json file = json::parse(last->body)["file"];
  const std::string name = file["name"];
  EXPECT_EQ(name.rfind("files/", 0), 0u);
  EXPECT_EQ(file["displayName"], "notes");
  EXPECT_EQ(file["mimeType"], "text/plain");
  EXPECT_EQ(file["sizeBytes"], "10");
  EXPECT_EQ(file["state"], "ACTIVE");
  EXPECT_EQ(file["source"], "UPLOADED");
  EXPECT_EQ(file["sha256Hash"], sha256_base64("helloworld"));
  EXPECT_EQ(file["uri"], base_url() + "/v1beta/" + name);
  EXPECT_FALSE(file.contains("downloadUri"));
  EXPECT_TRUE(file.contains("expirationTime"));

  // Querying a finished upload says final and gives the file again.
  auto done = query(url);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->get_header_value("x-goog-upload-status"), "final");

  auto got = get(key(), "/v1beta/" + name);
  ASSERT_TRUE(got);
  ASSERT_EQ(got->status, 200);
  EXPECT_EQ(json::parse(got->body)["sha256Hash"], file["sha256Hash"]);
}

TEST_F(EmulatorFilesTest, RefusesWhatGoogleRefuses) {
  httplib::Response r;
  EXPECT_TRUE(start(key(), std::size_t{3} << 30, "video/mp4", json::object(), &r).empty());
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("exceeds the maximum allowed size"), std::string::npos) << r.body;

  EXPECT_TRUE(start(key(), 5, "text/plain", {{"name", "files/Bad_Name"}}, &r).empty());
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(start(key(), 5, "text/plain", {{"bogus", 1}}, &r).empty());
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("Unknown name \\\"bogus\\\""), std::string::npos) << r.body;

  // Without a key: Google's 403 for a missing credential, never a file.
  httplib::Client http(base_url());
  auto anon = http.Post("/upload/v1beta/files", httplib::Headers{{"X-Goog-Upload-Protocol", "resumable"},
                                                                   {"X-Goog-Upload-Command", "start"}},
                        "{}", "application/json");
  ASSERT_TRUE(anon);
  EXPECT_EQ(anon->status, 403);

  // A chunk past the announced size, a finalize short of it, an unknown session.
  const std::string url = start(key(), 4, "text/plain");
  auto over = chunk(url, "upload", 0, "toolong");
  ASSERT_TRUE(over);
  EXPECT_EQ(over->status, 400);
  auto short_final = chunk(url, "upload, finalize", 0, "ab");
  ASSERT_TRUE(short_final);
  EXPECT_EQ(short_final->status, 400);
  EXPECT_NE(short_final->body.find("announced 4"), std::string::npos) << short_final->body;
  auto unknown = chunk("/upload/v1beta/files?upload_id=nope&upload_protocol=resumable", "upload", 0, "x");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
}

TEST_F(EmulatorFilesTest, ChosenNameRawUploadListPagingAndDelete) {
  const json named = upload(key(), "one", "text/plain", {{"name", "files/my-notes"}});
  EXPECT_EQ(named["file"]["name"], "files/my-notes");
  httplib::Response again;
  EXPECT_TRUE(start(key(), 3, "text/plain", {{"name", "files/my-notes"}}, &again).empty());
  EXPECT_EQ(again.status, 409);

  httplib::Client http(base_url());
  httplib::Headers h = auth(key());
  h.emplace("X-Goog-Upload-Protocol", "raw");
  auto raw = http.Post("/upload/v1beta/files", h, "raw bytes", "text/plain");
  ASSERT_TRUE(raw);
  ASSERT_EQ(raw->status, 200) << raw->body;
  EXPECT_EQ(json::parse(raw->body)["file"]["sizeBytes"], "9");

  for (int i = 0; i < 3; ++i) upload(key(), "file " + std::to_string(i), "text/plain");
  std::set<std::string> seen;
  std::string token;
  int pages = 0;
  do {
    auto page = get(key(), "/v1beta/files?pageSize=2" + (token.empty() ? "" : "&pageToken=" + token));
    ASSERT_TRUE(page);
    ASSERT_EQ(page->status, 200) << page->body;
    const json j = json::parse(page->body);
    for (const json& f : j["files"]) seen.insert(f["name"].get<std::string>());
    token = j.value("nextPageToken", "");
    ++pages;
  } while (!token.empty() && pages < 10);
  EXPECT_EQ(seen.size(), 5u);
  EXPECT_EQ(pages, 3);
  auto bad_token = get(key(), "/v1beta/files?pageToken=garbage!");
  ASSERT_TRUE(bad_token);
  EXPECT_EQ(bad_token->status, 400);

  auto del = http.Delete("/v1beta/files/my-notes", auth(key()));
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 200);
  EXPECT_EQ(json::parse(del->body), json::object());
  auto gone = get(key(), "/v1beta/files/my-notes");
  ASSERT_TRUE(gone);
  EXPECT_EQ(gone->status, 403);
  EXPECT_NE(gone->body.find("You do not have permission to access the File my-notes or it may not exist."),
            std::string::npos) << gone->body;
}

// The multipart form (uploadType=multipart, as Google's discovery-based
// clients send small files): one multipart/related request of the JSON
// metadata and the bytes, answered with the file, the mime type taken from
// the metadata or else from the bytes' part. A body that is not two parts is
// refused with a 400 that says what is expected.
TEST_F(EmulatorFilesTest, MultipartUploadIsMetadataThenBytesInOneRequest) {
  httplib::Client http(base_url());
  const std::string bytes = std::string("notes\r\n--not-the-boundary\0binary", 32);
  const std::string body = "--b0undary\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n"
                           R"({"file": {"displayName": "Notes", "name": "files/multi-notes"}})"
                           "\r\n--b0undary\r\nContent-Type: text/markdown\r\n\r\n" +
                           bytes + "\r\n--b0undary--\r\n";
  auto made = http.Post("/upload/v1beta/files?uploadType=multipart", auth(key()), body,
                        "multipart/related; boundary=b0undary");
  ASSERT_TRUE(made);
  ASSERT_EQ(made->status, 200) << made->body;
  const json file = json::parse(made->body)["file"];
  EXPECT_EQ(file["name"], "files/multi-notes");
  EXPECT_EQ(file["displayName"], "Notes");
  EXPECT_EQ(file["mimeType"], "text/markdown");
  EXPECT_EQ(file["sizeBytes"], std::to_string(bytes.size()));
  auto got = get(key(), "/v1beta/files/multi-notes");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->status, 200) << got->body;

  // The same through X-Goog-Upload-Protocol, the metadata's mimeType winning.
  httplib::Headers h = auth(key());
  h.emplace("X-Goog-Upload-Protocol", "multipart");
  const std::string typed = "--xyz\r\nContent-Type: application/json\r\n\r\n"
                            R"({"file": {"mimeType": "text/plain"}})"
                            "\r\n--xyz\r\nContent-Type: application/octet-stream\r\n\r\nhello\r\n--xyz--\r\n";
  auto second = http.Post("/upload/v1beta/files", h, typed, "multipart/related; boundary=\"xyz\"");
  ASSERT_TRUE(second);
  ASSERT_EQ(second->status, 200) << second->body;
  EXPECT_EQ(json::parse(second->body)["file"]["mimeType"], "text/plain");
  EXPECT_EQ(json::parse(second->body)["file"]["sizeBytes"], "5");

  // One part, no boundary, an unknown metadata field: 400s.
  const std::string one_part = "--xyz\r\nContent-Type: text/plain\r\n\r\nhello\r\n--xyz--\r\n";
  auto lonely = http.Post("/upload/v1beta/files?uploadType=multipart", auth(key()), one_part,
                          "multipart/related; boundary=xyz");
  ASSERT_TRUE(lonely);
  EXPECT_EQ(lonely->status, 400) << lonely->body;
  EXPECT_NE(lonely->body.find("two parts"), std::string::npos) << lonely->body;
  auto no_boundary = http.Post("/upload/v1beta/files?uploadType=multipart", auth(key()), typed, "multipart/related");
  ASSERT_TRUE(no_boundary);
  EXPECT_EQ(no_boundary->status, 400);
  const std::string unknown = "--xyz\r\nContent-Type: application/json\r\n\r\n"
                              R"({"file": {"colour": "red"}})"
                              "\r\n--xyz\r\nContent-Type: text/plain\r\n\r\nhello\r\n--xyz--\r\n";
  auto refused = http.Post("/upload/v1beta/files?uploadType=multipart", auth(key()), unknown,
                           "multipart/related; boundary=xyz");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 400);
  EXPECT_NE(refused->body.find("colour"), std::string::npos) << refused->body;
}

// The multipart form's bytes are a file, not JSON (NUL bytes and deep
// brackets included, whichever way the protocol is named), and it is answered
// with the same File resource a resumable upload gets. Its refusals are
// Google's 400s, each saying what is wrong, and none leaves a file behind; a
// caller without a key is refused before the body is read.
TEST_F(EmulatorFilesTest, MultipartTakesAnyBytesAndRefusesMalformedBodiesClearly) {
  httplib::Client http(base_url());
  const auto multipart = [&](const std::string& key_value, const std::string& metadata, const std::string& bytes,
                             const std::string& content_type = "multipart/related; boundary=BoUnDaRy") {
    httplib::Headers h = key_value.empty() ? httplib::Headers{} : auth(key_value);
    h.emplace("X-Goog-Upload-Protocol", "Multipart");
    return http.Post("/upload/v1beta/files", h,
                     "--BoUnDaRy\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n" + metadata +
                         "\r\n--BoUnDaRy\r\nContent-Type: application/octet-stream\r\n\r\n" + bytes +
                         "\r\n--BoUnDaRy--\r\n",
                     content_type);
  };
  std::string bytes = std::string("\0\x01\xff", 3) + std::string(300, '[') + std::string("{\"a\": 1}\0tail", 13);
  auto made = multipart(key(), R"({"file": {"displayName": "blob", "mimeType": "application/octet-stream"}})", bytes);
  ASSERT_TRUE(made);
  ASSERT_EQ(made->status, 200) << made->body;
  const json file = json::parse(made->body)["file"];
  EXPECT_EQ(file["sizeBytes"], std::to_string(bytes.size()));
  EXPECT_EQ(file["sha256Hash"], sha256_base64(bytes));
  EXPECT_EQ(file["displayName"], "blob");
  // The same fields, in the same order, as the resumable path's File.
  const json resumable = upload(key(), "x", "application/octet-stream", {{"displayName", "other"}})["file"];
  std::vector<std::string> fields, resumable_fields;
  for (auto it = file.begin(); it != file.end(); ++it) fields.push_back(it.key());
  for (auto it = resumable.begin(); it != resumable.end(); ++it) resumable_fields.push_back(it.key());
  EXPECT_EQ(fields, resumable_fields);
  const auto files_now = [&] {
    auto list = get(key(), "/v1beta/files?pageSize=100");
    return list ? json::parse(list->body).value("files", json::array()).size() : 0u;
  };
  const size_t before = files_now();
  EXPECT_EQ(before, 2u);

  auto anon = multipart("", R"({"file": {}})", "x");
  ASSERT_TRUE(anon);
  EXPECT_EQ(anon->status, 403) << anon->body;
  EXPECT_NE(anon->body.find("unregistered callers"), std::string::npos) << anon->body;

  struct Bad {
    std::string metadata, body_bytes, content_type, expect;
  };
  const std::string related = "multipart/related; boundary=BoUnDaRy";
  const std::vector<Bad> bad = {
      {R"({"file": {}})", "x", "application/json", "not multipart/related"},
      {R"({"file": {}})", "x", "multipart/related", "has no boundary"},
      {R"({"file": {}})", "x", "multipart/related; boundary=\"\"", "has no boundary"},
      {R"({"file": {}})", "x", "multipart/related; boundary=other", "with 0 mime parts"},
      {R"({"file": {"displayName": )", "x", related, "Invalid JSON payload received"},
      {R"(["file"])", "x", related, "Invalid JSON payload received"},
      {R"({"file": "notes.txt"})", "x", related, "Invalid value at 'file'"},
      {R"({"file": {"displayName": "x"}, "extra": 1})", "x", related, "Unknown name \\\"extra\\\""},
      {R"({"file": {"displayName": )" + std::string(200, '[') + "]}}", "x", related, "Nesting is deeper than"},
      {std::string(R"({"file": {}})") + '\0' + "junk", "x", related, "Invalid JSON payload received"},
  };
  for (const Bad& b : bad) {
    auto r = multipart(key(), b.metadata, b.body_bytes, b.content_type);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << b.expect << ": " << r->body;
    const json e = json::parse(r->body, nullptr, false);
    EXPECT_EQ(e["error"]["status"], "INVALID_ARGUMENT") << r->body;
    EXPECT_NE(r->body.find(b.expect), std::string::npos) << r->body;
  }
  // One part, three parts, no closing boundary.
  httplib::Headers h = auth(key());
  h.emplace("X-Goog-Upload-Protocol", "multipart");
  const std::string meta = "--B\r\nContent-Type: application/json\r\n\r\n{\"file\": {}}\r\n";
  const std::string part = "--B\r\nContent-Type: text/plain\r\n\r\nhello\r\n";
  const std::vector<std::pair<std::string, std::string>> shapes = {
      {part + "--B--\r\n", "with 1 mime parts"},
      {meta + part + part + "--B--\r\n", "with 3 mime parts"},
      {meta + part + "--B\r\n", "does not end with the closing boundary --B--"},
  };
  for (const auto& [body, expect] : shapes) {
    auto r = http.Post("/upload/v1beta/files", h, body, "multipart/related; boundary=B");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << expect << ": " << r->body;
    EXPECT_NE(r->body.find(expect), std::string::npos) << r->body;
    EXPECT_NE(r->body.find("two parts: the JSON metadata"), std::string::npos) << r->body;
  }
  EXPECT_EQ(files_now(), before);
}

// --max-request-bytes bounds a multipart upload as it bounds every request:
// Google's 400 for an oversized payload, and no file.
class EmulatorFilesLimitTest : public EmulatorFilesTest {
 protected:
  void configure(emulator::ServerOptions& o) override { o.max_request_bytes = 64 * 1024; }
};

TEST_F(EmulatorFilesLimitTest, MultipartOverTheRequestLimitIsRefused) {
  httplib::Client http(base_url());
  httplib::Headers h = auth(key());
  h.emplace("X-Goog-Upload-Protocol", "multipart");
  const auto body = [](size_t n) {
    return "--B\r\nContent-Type: application/json\r\n\r\n{\"file\": {\"displayName\": \"big\"}}\r\n"
           "--B\r\nContent-Type: text/plain\r\n\r\n" +
           std::string(n, 'z') + "\r\n--B--\r\n";
  };
  auto small = http.Post("/upload/v1beta/files", h, body(32 * 1024), "multipart/related; boundary=B");
  ASSERT_TRUE(small);
  EXPECT_EQ(small->status, 200) << small->body;
  auto big = http.Post("/upload/v1beta/files", h, body(64 * 1024), "multipart/related; boundary=B");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 400) << big->body;
  EXPECT_NE(big->body.find("Request payload size exceeds the limit: 65536 bytes."), std::string::npos) << big->body;
  auto list = get(key(), "/v1beta/files");
  ASSERT_TRUE(list);
  EXPECT_EQ(json::parse(list->body)["files"].size(), 1u) << list->body;
}

TEST_F(EmulatorFilesTest, FilesBelongToTheKeysProject) {
  const json mine = upload(key(), "secret", "text/plain");
  ASSERT_TRUE(state().create_project("other-project").ok());
  ASSERT_TRUE(state().set_service_enabled("other-project", emulator::kGenerativeLanguage, true).ok());
  emulator::ApiKey spec;
  spec.project_id = "other-project";
  spec.kind = emulator::ApiKey::Kind::kStudio;
  const std::string other = make_key(spec);
  auto theirs = get(other, "/v1beta/" + mine["file"]["name"].get<std::string>());
  ASSERT_TRUE(theirs);
  EXPECT_EQ(theirs->status, 403);
  auto list = get(other, "/v1beta/files");
  ASSERT_TRUE(list);
  EXPECT_EQ(json::parse(list->body), json::object());
}

TEST_F(EmulatorFilesTest, VideoIsProcessingUntilTheClockMovesAndOnlyGeneratedFilesDownload) {
  const json video = upload(key(), std::string("\0\0\0\x18" "ftypmp42", 12) + std::string(100, 'v'), "video/mp4");
  EXPECT_EQ(video["file"]["state"], "PROCESSING");
  const std::string name = video["file"]["name"];
  httplib::Client http(base_url());
  httplib::Headers h = auth(key());
  const json prompt = {{"contents", {{{"role", "user"},
                                      {"parts", {{{"fileData", {{"fileUri", video["file"]["uri"]}, {"mimeType", "video/mp4"}}}},
                                                 {{"text", "Describe"}}}}}}}};
  auto refused = http.Post("/v1beta/models/gemini-2.5-flash:generateContent", h, prompt.dump(), "application/json");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 400);
  EXPECT_NE(refused->body.find("is not in an ACTIVE state and usage is not allowed"), std::string::npos) << refused->body;
  EXPECT_NE(refused->body.find("FAILED_PRECONDITION"), std::string::npos);

  server_->env().clock().advance(emulator::kVideoProcessingTime);
  auto active = get(key(), "/v1beta/" + name);
  EXPECT_EQ(json::parse(active->body)["state"], "ACTIVE");
  auto ok = http.Post("/v1beta/models/gemini-2.5-flash:generateContent", h, prompt.dump(), "application/json");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200) << ok->body;

  auto download = get(key(), "/v1beta/" + name + ":download?alt=media");
  ASSERT_TRUE(download);
  EXPECT_EQ(download->status, 400);
  EXPECT_NE(download->body.find("Only generated files can be downloaded"), std::string::npos);
}

TEST_F(EmulatorFilesTest, TextFileContentReachesTheModel) {
  httplib::Client http(base_url());
  const auto ask = [&](const std::string& uri) {
    const json prompt = {{"contents", {{{"parts", {{{"fileData", {{"fileUri", uri}, {"mimeType", "text/plain"}}}},
                                                   {{"text", "Summarize"}}}}}}}};
    return http.Post("/v1beta/models/gemini-2.5-flash:generateContent", auth(key()), prompt.dump(), "application/json");
  };
  const json a = upload(key(), std::string(400, 'a') + " apples", "text/plain");
  const json b = upload(key(), "bananas", "text/plain");
  auto ra = ask(a["file"]["uri"]);
  auto rb = ask(b["file"]["name"]);
  ASSERT_TRUE(ra && rb);
  ASSERT_EQ(ra->status, 200) << ra->body;
  ASSERT_EQ(rb->status, 200) << rb->body;
  // The file's text is part of the prompt: counted, and it changes the answer.
  EXPECT_GT(json::parse(ra->body)["usageMetadata"]["promptTokenCount"].get<int>(),
            json::parse(rb->body)["usageMetadata"]["promptTokenCount"].get<int>());
  EXPECT_NE(json::parse(ra->body)["candidates"][0]["content"], json::parse(rb->body)["candidates"][0]["content"]);
  auto unknown = ask(base_url() + "/v1beta/files/doesnotexist");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 403);
}

TEST_F(EmulatorFilesTest, CutUploadKeepsPartOfTheChunkAndDropsTheConnection) {
  const std::string data(1000, 'x');
  const std::string url = start(key(), data.size(), "text/plain");
  set_faults("upload/v1beta/files=cutupload:300#1");
  auto cut = chunk(url, "upload, finalize", 0, data);
  EXPECT_FALSE(cut && cut->status == 200 && cut->get_header_value("x-goog-upload-status") == "final");
  auto q = query(url);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->get_header_value("x-goog-upload-size-received"), "300");
  auto rest = chunk(url, "upload, finalize", 300, data.substr(300));
  ASSERT_TRUE(rest);
  ASSERT_EQ(rest->status, 200) << rest->body;
  EXPECT_EQ(json::parse(rest->body)["file"]["sha256Hash"], sha256_base64(data));
}

}  // namespace
}  // namespace genai::testing

namespace genai::testing {
namespace {

// With --state, files live in STATE.files/ and survive a restart.
TEST(EmulatorFilesPersistence, FilesSurviveARestartWithTheStateFile) {
  const std::string dir = ::testing::TempDir() + "genai-files-state-" + std::to_string(::getpid());
  std::filesystem::create_directories(dir);
  emulator::ServerOptions options;
  options.state_file = dir + "/state.json";
  options.bootstrap_demo = true;
  std::string key;
  std::string name;
  {
    auto server = emulator::Server::start(options);
    ASSERT_TRUE(server.ok()) << server.error().message;
    auto k = (*server)->env().state().create_key([] {
      emulator::ApiKey spec;
      spec.project_id = "demo-project";
      spec.kind = emulator::ApiKey::Kind::kStudio;
      return spec;
    }());
    ASSERT_TRUE(k.ok());
    key = k->key_string;
    httplib::Client http((*server)->base_url());
    httplib::Headers h{{"x-goog-api-key", key}, {"X-Goog-Upload-Protocol", "raw"}};
    auto r = http.Post("/upload/v1beta/files", h, "kept across restarts", "text/plain");
    ASSERT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
    name = json::parse(r->body)["file"]["name"];
    EXPECT_TRUE(std::filesystem::exists(dir + "/state.json.files/index.json"));
  }
  auto server = emulator::Server::start(options);
  ASSERT_TRUE(server.ok()) << server.error().message;
  httplib::Client http((*server)->base_url());
  auto got = http.Get("/v1beta/" + name, httplib::Headers{{"x-goog-api-key", key}});
  ASSERT_TRUE(got);
  EXPECT_EQ(got->status, 200) << got->body;
  EXPECT_EQ(json::parse(got->body)["sizeBytes"], "20");
  (*server)->stop();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace genai::testing
