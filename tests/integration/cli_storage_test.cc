// genai storage cp|ls|rm run as a user would: a service-account key file,
// --vertex, and STORAGE_EMULATOR_HOST pointing at the in-process emulator.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "emulator/auth/key_files.h"
#include "emulator/common/env.h"
#include "emulator/state/storage.h"
#include "tests/support/cli_file_fixture.h"

namespace genai::testing {
namespace {

class CliStorageTest : public CliFileTest {
 protected:
  void SetUp() override {
    CliFileTest::SetUp();
    auto sa = state().create_service_account("test-project", "cli-storage", "CLI storage");
    ASSERT_TRUE(sa);
    ASSERT_TRUE(state().add_binding("test-project", "roles/storage.objectAdmin",
                                    emulator::service_account_member(sa->email)));
    auto file = emulator::create_service_account_key_file(server_->env(), sa->email);
    ASSERT_TRUE(file);
    key_path_ = path("sa.json");
    std::ofstream(key_path_) << file->key_file_json;
    ::chmod(key_path_.c_str(), 0600);
    ASSERT_TRUE(server_->env().storage().create_bucket("cli-bucket", "test-project",
                                                       state().project("test-project")->number,
                                                       std::chrono::system_clock::now()));
  }

  ProcessResult storage(std::vector<std::string> args, const std::string& lang = "en") {
    args.insert(args.begin(), {"--vertex", "--credentials", key_path_, "--lang", lang, "storage"});
    return genai(std::move(args), {{"STORAGE_EMULATOR_HOST", base_url()},
                                   {"GOOGLE_VERTEX_BASE_URL", base_url()},
                                   {"NO_GCE_CHECK", "true"},
                                   {"CLOUDSDK_CONFIG", "/nonexistent"}});
  }

  std::string key_path_;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST_F(CliStorageTest, CopiesUpAndDownListsAndRemoves) {
  const std::string local = path("notes.txt");
  std::ofstream(local) << "field notes\n";
  auto up = storage({"cp", local, "gs://cli-bucket/docs/"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_NE(up.err.find("uploaded " + local + " to gs://cli-bucket/docs/notes.txt (12 bytes)"), std::string::npos)
      << up.err;
  EXPECT_EQ(*server_->env().storage().read_object("cli-bucket", "docs/notes.txt"), "field notes\n");
  EXPECT_EQ(server_->env().storage().object("cli-bucket", "docs/notes.txt")->content_type, "text/plain");

  auto ls = storage({"ls", "gs://cli-bucket/docs/"});
  ASSERT_EQ(ls.exit_code, 0) << ls.err;
  EXPECT_EQ(ls.out, "gs://cli-bucket/docs/notes.txt\n");
  auto ll = storage({"ls", "-l", "gs://cli-bucket"});
  EXPECT_EQ(ll.out.rfind("12\t", 0), 0u) << ll.out;

  const std::string back = path("back.txt");
  auto down = storage({"cp", "gs://cli-bucket/docs/notes.txt", back});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_EQ(slurp(back), "field notes\n");
  // Never over an existing file without --force; in Chinese too.
  auto again = storage({"cp", "gs://cli-bucket/docs/notes.txt", back}, "zh");
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("已存在"), std::string::npos) << again.err;
  EXPECT_EQ(storage({"cp", "--force", "gs://cli-bucket/docs/notes.txt", back}).exit_code, 0);
  // Into a directory: the object's name.
  std::filesystem::create_directories(path("into"));
  ASSERT_EQ(storage({"cp", "-q", "gs://cli-bucket/docs/notes.txt", path("into")}).exit_code, 0);
  EXPECT_EQ(slurp(path("into/notes.txt")), "field notes\n");

  auto rm = storage({"rm", "gs://cli-bucket/docs/notes.txt"});
  ASSERT_EQ(rm.exit_code, 0) << rm.err;
  EXPECT_FALSE(server_->env().storage().object("cli-bucket", "docs/notes.txt"));
  auto missing = storage({"rm", "gs://cli-bucket/docs/notes.txt"});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.err.find("No such object: cli-bucket/docs/notes.txt"), std::string::npos) << missing.err;
}

TEST_F(CliStorageTest, ShowsProgressAndRefusesTwoLocalPaths) {
  const std::string local = path("big.bin");
  std::ofstream(local, std::ios::binary) << std::string(3 << 20, 'z');
  auto up = storage({"cp", "--chunk-size", "1", local, "gs://cli-bucket/big.bin"});
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_NE(up.err.find("big.bin: 1.0 MiB / 3.0 MiB (33%)"), std::string::npos) << up.err;
  EXPECT_NE(up.err.find("big.bin: 3.0 MiB / 3.0 MiB (100%)"), std::string::npos) << up.err;
  auto both = storage({"cp", local, path("other.bin")}, "zh");
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_NE(both.err.find("gs:// URI"), std::string::npos) << both.err;
}

TEST_F(CliStorageTest, GenerateOnVertexTakesAGsUriAsAFileDataPart) {
  ASSERT_TRUE(state().set_service_enabled("test-project", emulator::kAiPlatform, true));
  ASSERT_TRUE(state().add_binding("test-project", "roles/aiplatform.user",
                                  "serviceAccount:cli-storage@test-project.iam.gserviceaccount.com"));
  const std::map<std::string, std::string> env = {{"GOOGLE_VERTEX_BASE_URL", base_url()},
                                                  {"NO_GCE_CHECK", "true"},
                                                  {"CLOUDSDK_CONFIG", "/nonexistent"}};
  auto r = genai({"--vertex", "--credentials", key_path_, "-v", "generate", "--file", "gs://cli-bucket/report.pdf",
                  "Summarise it"},
                 env);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // A local path that does not exist is still refused before anything is sent.
  auto missing = genai({"--vertex", "--credentials", key_path_, "generate", "--file", path("nope.pdf"), "x"}, env);
  EXPECT_EQ(missing.exit_code, 2) << missing.err;
}

}  // namespace
}  // namespace genai::testing
