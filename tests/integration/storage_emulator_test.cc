// The emulator's Cloud Storage JSON API over HTTP, as Google's client
// libraries speak it: buckets, uploads (media, multipart, resumable with
// 308 Resume Incomplete), metadata with real MD5 and CRC32C, downloads with
// Range, listing with prefixes and paging, bucket IAM (a service account
// without a role, objectViewer), the API disabled, and hostile object names,
// each answered in Cloud Storage's own error shape and words.
#include <httplib.h>
#include <unistd.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "emulator/common/env.h"
#include "emulator/state/storage.h"
#include "tests/support/emulator_fixture.h"

namespace genai::testing {
namespace {

using nlohmann::json;

constexpr const char* kScope = "https://www.googleapis.com/auth/cloud-platform";

struct Reply {
  int status = 0;
  json body;
  std::string raw;
  httplib::Headers headers;
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

class StorageEmulatorTest : public EmulatorTest {
 protected:
  void SetUp() override {
    EmulatorTest::SetUp();
    http_ = std::make_unique<httplib::Client>(base_url());
    http_->set_url_encode(false);  // paths below are already percent-encoded, as a client sends them
    ASSERT_TRUE(state().add_binding("test-project", "roles/owner", "user:owner@example.com").ok());
    owner_ = token_for("user:owner@example.com");
    Reply b = call("POST", "/storage/v1/b?project=test-project", owner_, R"({"name":"media-bucket"})");
    ASSERT_EQ(b.status, 200) << b.raw;
  }

  std::string token_for(const std::string& principal) {
    return state()
        .issue_token(principal, "test-project", kScope, std::chrono::system_clock::now() + std::chrono::hours(1))
        .token;
  }

  // A service account of test-project with no role anywhere.
  std::string service_account_token(const std::string& id) {
    auto sa = state().create_service_account("test-project", id, id);
    EXPECT_TRUE(sa);
    return token_for("serviceAccount:" + sa->email);
  }

  Reply call(const std::string& method, const std::string& path, const std::string& token,
             const std::string& body = "", httplib::Headers headers = {},
             const std::string& type = "application/json") {
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    httplib::Result res = method == "GET"      ? http_->Get(path, headers)
                          : method == "DELETE" ? http_->Delete(path, headers)
                          : method == "PUT"    ? http_->Put(path, headers, body, type)
                                               : http_->Post(path, headers, body, type);
    if (!res) return {};
    return {res->status, json::parse(res->body, nullptr, false), res->body, res->headers};
  }

  Reply upload(const std::string& name, const std::string& data, const std::string& token) {
    return call("POST", "/upload/storage/v1/b/media-bucket/o?uploadType=media&name=" + name, token, data, {},
                "text/plain");
  }

  std::unique_ptr<httplib::Client> http_;
  std::string owner_;
};

TEST_F(StorageEmulatorTest, MediaUploadHasGooglesObjectResourceWithRealChecksums) {
  Reply r = upload("docs%2Fcheck.txt", "123456789", owner_);
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body["kind"], "storage#object");
  EXPECT_EQ(r.body["name"], "docs/check.txt");
  EXPECT_EQ(r.body["bucket"], "media-bucket");
  EXPECT_EQ(r.body["size"], "9");  // a string, as Google's int64 fields are
  EXPECT_EQ(r.body["crc32c"], "4waSgw==");  // CRC32C("123456789") = 0xE3069283
  EXPECT_EQ(r.body["md5Hash"], "JfnnlDI7RTiF9RgfG2JNCw==");
  EXPECT_EQ(r.body["contentType"], "text/plain");
  EXPECT_EQ(r.body["id"], "media-bucket/docs/check.txt/" + r.body["generation"].get<std::string>());
  EXPECT_NE(r.body["selfLink"].get<std::string>().find("/storage/v1/b/media-bucket/o/docs%2Fcheck.txt"),
            std::string::npos);

  Reply meta = call("GET", "/storage/v1/b/media-bucket/o/docs%2Fcheck.txt", owner_);
  ASSERT_EQ(meta.status, 200) << meta.raw;
  EXPECT_EQ(meta.body["generation"], r.body["generation"]);

  Reply bytes = call("GET", "/storage/v1/b/media-bucket/o/docs%2Fcheck.txt?alt=media", owner_);
  ASSERT_EQ(bytes.status, 200);
  EXPECT_EQ(bytes.raw, "123456789");
  EXPECT_EQ(bytes.header("x-goog-hash"), "crc32c=4waSgw==,md5=JfnnlDI7RTiF9RgfG2JNCw==");

  Reply part = call("GET", "/storage/v1/b/media-bucket/o/docs%2Fcheck.txt?alt=media", owner_, "",
                    {{"Range", "bytes=2-4"}});
  EXPECT_EQ(part.status, 206);
  EXPECT_EQ(part.raw, "345");
  EXPECT_EQ(part.header("Content-Range"), "bytes 2-4/9");
  Reply past = call("GET", "/storage/v1/b/media-bucket/o/docs%2Fcheck.txt?alt=media", owner_, "",
                    {{"Range", "bytes=9-"}});
  EXPECT_EQ(past.status, 416);

  // A second upload is a new generation; delete answers 204, then 404 in Google's words.
  Reply again = upload("docs%2Fcheck.txt", "x", owner_);
  EXPECT_GT(std::stoll(again.body["generation"].get<std::string>()), std::stoll(r.body["generation"].get<std::string>()));
  EXPECT_EQ(call("DELETE", "/storage/v1/b/media-bucket/o/docs%2Fcheck.txt", owner_).status, 204);
  Reply gone = call("GET", "/storage/v1/b/media-bucket/o/docs%2Fcheck.txt", owner_);
  EXPECT_EQ(gone.status, 404);
  EXPECT_EQ(gone.body["error"]["message"], "No such object: media-bucket/docs/check.txt");
  EXPECT_EQ(gone.body["error"]["errors"][0]["reason"], "notFound");
}

TEST_F(StorageEmulatorTest, MultipartUploadTakesMetadataAndChecksThePromisedMd5) {
  const std::string body =
      "--b0undary\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n"
      R"({"name":"in/requests.jsonl","contentType":"application/jsonl","metadata":{"k":"v"}})"
      "\r\n--b0undary\r\nContent-Type: application/jsonl\r\n\r\n{\"a\":1}\n\r\n--b0undary--\r\n";
  Reply r = call("POST", "/upload/storage/v1/b/media-bucket/o?uploadType=multipart", owner_, body, {},
                 "multipart/related; boundary=b0undary");
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body["name"], "in/requests.jsonl");
  EXPECT_EQ(r.body["contentType"], "application/jsonl");
  EXPECT_EQ(r.body["metadata"]["k"], "v");
  EXPECT_EQ(r.body["size"], "8");
  // The backend API other emulator services use sees the same object.
  EXPECT_EQ(*server_->env().storage().read_object("media-bucket", "in/requests.jsonl"), "{\"a\":1}\n");

  Reply bad = call("POST", "/upload/storage/v1/b/media-bucket/o?uploadType=media&name=x", owner_, "abc",
                   {{"x-goog-hash", "md5=AAAAAAAAAAAAAAAAAAAAAA=="}}, "text/plain");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body["error"]["message"].get<std::string>().find("doesn't match calculated MD5 hash"),
            std::string::npos);
  EXPECT_EQ(call("GET", "/storage/v1/b/media-bucket/o/x", owner_).status, 404);  // nothing half-made
}

TEST_F(StorageEmulatorTest, ResumableUploadAnswers308WithTheCommittedRangeUntilTheLastChunk) {
  Reply start = call("POST", "/upload/storage/v1/b/media-bucket/o?uploadType=resumable", owner_,
                     R"({"name":"big.bin","contentType":"application/octet-stream"})",
                     {{"X-Upload-Content-Length", "600000"}});
  ASSERT_EQ(start.status, 200) << start.raw;
  const std::string session = start.header("Location");
  ASSERT_NE(session.find("upload_id="), std::string::npos);
  const std::string path = session.substr(base_url().size());
  std::string data(600000, '\0');
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>(i * 7 + (i >> 9));

  // 300000 bytes: only the whole 256 KiB unit is kept.
  Reply first = call("PUT", path, "", data.substr(0, 300000), {{"Content-Range", "bytes 0-299999/600000"}},
                     "application/octet-stream");
  EXPECT_EQ(first.status, 308);
  EXPECT_EQ(first.header("Range"), "bytes=0-262143");
  Reply status = call("PUT", path, "", "", {{"Content-Range", "bytes */600000"}}, "application/octet-stream");
  EXPECT_EQ(status.status, 308);
  EXPECT_EQ(status.header("Range"), "bytes=0-262143");
  Reply gap = call("PUT", path, "", data.substr(300000), {{"Content-Range", "bytes 300000-599999/600000"}},
                   "application/octet-stream");
  EXPECT_EQ(gap.status, 400);
  Reply last = call("PUT", path, "", data.substr(262144), {{"Content-Range", "bytes 262144-599999/600000"}},
                    "application/octet-stream");
  ASSERT_EQ(last.status, 200) << last.raw;
  EXPECT_EQ(last.body["size"], "600000");
  EXPECT_EQ(call("GET", "/storage/v1/b/media-bucket/o/big.bin?alt=media", owner_).raw, data);
}

TEST_F(StorageEmulatorTest, ListPagesThroughPrefixesAndDelimiters) {
  for (const char* n : {"a%2F1", "a%2F2", "a%2F3", "a%2Fsub%2F4", "b%2F5", "top"}) ASSERT_EQ(upload(n, "x", owner_).status, 200);
  std::vector<std::string> names;
  std::string token;
  int pages = 0;
  do {
    Reply r = call("GET", "/storage/v1/b/media-bucket/o?prefix=a%2F&maxResults=2" +
                              (token.empty() ? "" : "&pageToken=" + token), owner_);
    ASSERT_EQ(r.status, 200) << r.raw;
    EXPECT_EQ(r.body["kind"], "storage#objects");
    for (const json& o : r.body.value("items", json::array())) names.push_back(o["name"]);
    token = r.body.value("nextPageToken", "");
    ++pages;
  } while (!token.empty() && pages < 10);
  EXPECT_EQ(names, (std::vector<std::string>{"a/1", "a/2", "a/3", "a/sub/4"}));
  EXPECT_EQ(pages, 2);

  Reply dirs = call("GET", "/storage/v1/b/media-bucket/o?delimiter=%2F", owner_);
  EXPECT_EQ(dirs.body["prefixes"], json::array({"a/", "b/"}));
  ASSERT_EQ(dirs.body["items"].size(), 1u);
  EXPECT_EQ(dirs.body["items"][0]["name"], "top");
}

TEST_F(StorageEmulatorTest, AServiceAccountWithoutARoleIsRefusedInGooglesWords) {
  const std::string sa = service_account_token("no-role");
  Reply r = upload("x.txt", "data", sa);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.body["error"]["message"],
            "no-role@test-project.iam.gserviceaccount.com does not have storage.objects.create access to the Google "
            "Cloud Storage object. Permission 'storage.objects.create' denied on resource (or it may not exist).");
  EXPECT_EQ(r.body["error"]["errors"][0]["reason"], "forbidden");
  EXPECT_EQ(r.body["error"]["errors"][0]["domain"], "global");
  EXPECT_FALSE(r.body["error"].contains("status"));  // Cloud Storage's older shape

  Reply anonymous = call("GET", "/storage/v1/b/media-bucket/o/x.txt", "");
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(anonymous.body["error"]["message"],
            "Anonymous caller does not have storage.objects.get access to the Google Cloud Storage object. "
            "Permission 'storage.objects.get' denied on resource (or it may not exist).");
  Reply bogus = call("GET", "/storage/v1/b/media-bucket/o/x.txt", "ya29.not-a-token");
  EXPECT_EQ(bogus.status, 401);
  EXPECT_EQ(bogus.body["error"]["message"], "Invalid Credentials");
}

TEST_F(StorageEmulatorTest, ObjectViewerOnTheBucketReadsButCannotWrite) {
  ASSERT_EQ(upload("report.txt", "hello", owner_).status, 200);
  const std::string sa = service_account_token("reader");
  Reply policy = call("GET", "/storage/v1/b/media-bucket/iam", owner_);
  ASSERT_EQ(policy.status, 200) << policy.raw;
  EXPECT_EQ(policy.body["kind"], "storage#policy");
  EXPECT_EQ(policy.body["resourceId"], "projects/_/buckets/media-bucket");
  json bindings = policy.body["bindings"];
  bindings.push_back({{"role", "roles/storage.objectViewer"},
                      {"members", {"serviceAccount:reader@test-project.iam.gserviceaccount.com"}}});
  Reply set = call("PUT", "/storage/v1/b/media-bucket/iam", owner_,
                   json{{"bindings", bindings}, {"etag", policy.body["etag"]}}.dump());
  ASSERT_EQ(set.status, 200) << set.raw;
  // The old etag is stale now.
  Reply stale = call("PUT", "/storage/v1/b/media-bucket/iam", owner_,
                     json{{"bindings", bindings}, {"etag", policy.body["etag"]}}.dump());
  EXPECT_EQ(stale.status, 412);

  EXPECT_EQ(call("GET", "/storage/v1/b/media-bucket/o/report.txt?alt=media", sa).raw, "hello");
  EXPECT_EQ(call("GET", "/storage/v1/b/media-bucket/o", sa).status, 200);
  Reply write = upload("new.txt", "nope", sa);
  EXPECT_EQ(write.status, 403);
  EXPECT_NE(write.body["error"]["message"].get<std::string>().find("does not have storage.objects.create access"),
            std::string::npos);
  Reply remove = call("DELETE", "/storage/v1/b/media-bucket/o/report.txt", sa);
  EXPECT_EQ(remove.status, 403);
  Reply unknown_role = call("PUT", "/storage/v1/b/media-bucket/iam", owner_,
                            R"({"bindings":[{"role":"roles/storage.nothing","members":["allUsers"]}]})");
  EXPECT_EQ(unknown_role.status, 400);
}

TEST_F(StorageEmulatorTest, TheApiDisabledIsGooglesAccessNotConfigured) {
  ASSERT_TRUE(state().set_service_enabled("test-project", emulator::kStorage, false).ok());
  Reply r = call("GET", "/storage/v1/b/media-bucket/o", owner_);
  EXPECT_EQ(r.status, 403);
  const std::string number = state().project("test-project")->number;
  EXPECT_EQ(r.body["error"]["message"],
            "Cloud Storage API has not been used in project " + number +
                " before or it is disabled. Enable it by visiting "
                "https://console.developers.google.com/apis/api/storage.googleapis.com/overview?project=" +
                number +
                " then retry. If you enabled this API recently, wait a few minutes for the action to propagate to "
                "our systems and retry.");
  EXPECT_EQ(r.body["error"]["errors"][0]["reason"], "accessNotConfigured");
  EXPECT_EQ(r.body["error"]["errors"][0]["domain"], "usageLimits");
}

TEST_F(StorageEmulatorTest, HostileObjectNamesAreGoogles400) {
  for (const char* name : {"..", ".", "a%00b", "bad%FFutf8", "line%0Abreak"}) {
    Reply up = upload(name, "x", owner_);
    EXPECT_EQ(up.status, 400) << name;
    EXPECT_EQ(up.body["error"]["message"], "The specified object name is not valid.") << name;
    Reply get = call("GET", std::string("/storage/v1/b/media-bucket/o/") + name, owner_);
    EXPECT_EQ(get.status, 400) << name << get.raw;
  }
  // Names that look like paths are ordinary names, kept as given.
  Reply dots = upload("a%2F..%2Fb", "x", owner_);
  ASSERT_EQ(dots.status, 200) << dots.raw;
  EXPECT_EQ(dots.body["name"], "a/../b");
  EXPECT_EQ(call("GET", "/storage/v1/b/no-such-bucket/o", owner_).body["error"]["message"],
            "The specified bucket does not exist.");
  Reply bad_bucket = call("POST", "/storage/v1/b?project=test-project", owner_, R"({"name":"Bad_Bucket"})");
  EXPECT_EQ(bad_bucket.status, 400);
  Reply taken = call("POST", "/storage/v1/b?project=test-project", owner_, R"({"name":"media-bucket"})");
  EXPECT_EQ(taken.status, 409);
}

TEST_F(StorageEmulatorTest, ObjectsSurviveARestartWithTheStateFile) {
  const std::string dir = ::testing::TempDir() + "gcs-restart-" + std::to_string(::getpid());
  {
    emulator::StorageStore store(dir);
    ASSERT_TRUE(store.create_bucket("kept", "p", "1", std::chrono::system_clock::now()));
    ASSERT_TRUE(store.write_object("kept", "x/y.jsonl", "{}\n", "application/jsonl"));
  }
  emulator::StorageStore again(dir);
  EXPECT_EQ(*again.read_object("kept", "x/y.jsonl"), "{}\n");
  ASSERT_EQ(again.list("kept", "x/").items.size(), 1u);
  EXPECT_TRUE(again.delete_object("kept", "x/y.jsonl"));
  EXPECT_TRUE(again.delete_bucket("kept"));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace genai::testing
