// client.file_search_stores() against the emulator: stores created, listed
// (paged), got and deleted; a document uploaded (resumable) and imported
// from the Files API, PENDING until its operation is done on the emulator's
// clock, then ACTIVE; chunkingConfig honoured by the indexer; generateContent
// with the file_search tool citing the document that answers the prompt
// (retrievedContext, groundingSupports into the answer), nothing cited for a
// prompt that matches nothing, metadata filters; and the errors: an unknown
// store (404), a bad name (400), a non-empty store deleted without force
// (FAILED_PRECONDITION), a PDF the emulator does not index, another
// project's store, and a Vertex AI client refused before sending.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <set>
#include <thread>

#include "emulator/common/clock.h"
#include "emulator/state/file_search.h"
#include "tests/support/emulator_fixture.h"

namespace genai::testing {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

class FileSearchTest : public EmulatorTest {
 protected:
  void SetUp() override {
    EmulatorTest::SetUp();
    dir_ = fs::temp_directory_path() / ("genai-file-search-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override {
    fs::remove_all(dir_);
    EmulatorTest::TearDown();
  }
  void advance(milliseconds d) { server_->env().clock().advance(d); }
  std::string write(const std::string& name, const std::string& text) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
  // wait() whose pauses move the emulator's clock instead of sleeping.
  FileSearchWaitOptions fast_wait() {
    auto now = std::make_shared<std::chrono::steady_clock::time_point>(std::chrono::steady_clock::now());
    FileSearchWaitOptions w;
    w.clock.now = [now] { return *now; };
    w.clock.sleep = [this, now](milliseconds d, std::stop_token) {
      *now += d;
      advance(d);
    };
    w.timeout = std::chrono::minutes(5);
    return w;
  }
  // A store holding `docs` (display name → text), all ACTIVE.
  FileSearchStore store_with(const std::vector<std::pair<std::string, std::string>>& docs,
                             std::vector<std::vector<CustomMetadata>> metadata = {}) {
    FileSearchStores stores = client().file_search_stores();
    FileSearchStore s = stores.create({.display_name = "Company handbook"}).value();
    for (size_t i = 0; i < docs.size(); ++i) {
      UploadToFileSearchStoreConfig cfg;
      cfg.display_name = docs[i].first;
      if (i < metadata.size()) cfg.custom_metadata = metadata[i];
      auto op = stores.upload_to_file_search_store(s.name, UploadSource::from_memory(docs[i].second, "text/markdown"), cfg);
      EXPECT_TRUE(op.ok()) << op.error().to_string();
      EXPECT_TRUE(stores.wait(*op, fast_wait()).ok());
    }
    return s;
  }
  GenerateContentResponse ask(const std::string& prompt, FileSearch tool) {
    GenerateContentConfig config;
    Tool t;
    t.file_search = std::move(tool);
    config.tools.push_back(t);
    Result<GenerateContentResponse> r = client().models().generate_content("gemini-2.5-flash", prompt, config);
    EXPECT_TRUE(r.ok()) << r.error().to_string();
    return r.ok() ? *r : GenerateContentResponse{};
  }

  fs::path dir_;
};

const char* kVacation =
    "# Vacation policy\n\nEvery employee gets 25 vacation days per calendar year. Unused vacation days carry over "
    "to the next year, up to five days.";
const char* kExpenses =
    "# Expense policy\n\nMeals while travelling are reimbursed up to 60 euros per day. Submit receipts within 30 "
    "days of the trip.";

TEST_F(FileSearchTest, CreateGetListPagesAndDelete) {
  FileSearchStores stores = client().file_search_stores();
  Result<FileSearchStore> a = stores.create({.display_name = "Team Docs"});
  ASSERT_TRUE(a.ok()) << a.error().to_string();
  EXPECT_EQ(a->name.rfind("fileSearchStores/team-docs-", 0), 0u) << a->name;
  EXPECT_EQ(a->display_name, "Team Docs");
  EXPECT_TRUE(a->create_time);
  EXPECT_EQ(a->active_documents_count, 0);
  ASSERT_TRUE(stores.create().ok());  // no display name: a random id
  std::future<Result<FileSearchStore>> c = stores.create_async({.display_name = "third"});
  ASSERT_TRUE(c.get().ok());

  Result<FileSearchStore> got = stores.get(a->name);
  ASSERT_TRUE(got.ok()) << got.error().to_string();
  EXPECT_EQ(got->name, a->name);
  EXPECT_TRUE(stores.get_async(a->name.substr(17)).get().ok());  // the id alone

  int pages = 0;
  std::vector<std::string> names;
  auto pager = stores.list({.page_size = 2});
  while (auto page = pager.next_page()) {
    ASSERT_TRUE(page->ok()) << page->error().to_string();
    for (const FileSearchStore& s : page->value().items) names.push_back(s.name);
    ++pages;
  }
  EXPECT_EQ(pages, 2);
  ASSERT_EQ(names.size(), 3u);
  EXPECT_EQ(names[0], a->name);  // oldest first

  ASSERT_TRUE(stores.delete_(a->name).ok());
  Result<FileSearchStore> gone = stores.get(a->name);
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().http_status, 404);
  EXPECT_EQ(gone.error().status, "NOT_FOUND");
  Result<void> again = stores.delete_async(a->name).get();
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().http_status, 404);
}

TEST_F(FileSearchTest, AnUploadIsPendingUntilItsOperationIsDoneThenActive) {
  FileSearchStores stores = client().file_search_stores();
  FileSearchStore s = stores.create({.display_name = "handbook"}).value();
  UploadToFileSearchStoreConfig cfg;
  cfg.custom_metadata = {CustomMetadata{.key = "author", .string_value = "Ada"},
                         CustomMetadata{.key = "year", .numeric_value = 2024},
                         CustomMetadata{.key = "tags", .string_list_value = std::vector<std::string>{"hr", "policy"}}};
  std::vector<std::uint64_t> progress;
  cfg.on_progress = [&](std::uint64_t sent, std::uint64_t) { progress.push_back(sent); };
  Result<FileSearchOperation> op = stores.upload_to_file_search_store(s.name, write("vacation.md", kVacation), cfg);
  ASSERT_TRUE(op.ok()) << op.error().to_string();
  EXPECT_EQ(op->name.rfind(s.name + "/upload/operations/", 0), 0u) << op->name;
  EXPECT_FALSE(op->done);
  ASSERT_FALSE(progress.empty());
  EXPECT_EQ(progress.back(), std::string(kVacation).size());

  FileSearchStore pending = stores.get(s.name).value();
  EXPECT_EQ(pending.pending_documents_count, 1);
  EXPECT_EQ(pending.active_documents_count, 0);

  Result<FileSearchOperation> polled = stores.get_operation(op->name);
  ASSERT_TRUE(polled.ok()) << polled.error().to_string();
  EXPECT_FALSE(polled->done);
  Result<FileSearchOperation> polled_async = stores.get_operation_async(op->name).get();
  ASSERT_TRUE(polled_async.ok()) << polled_async.error().to_string();
  EXPECT_EQ(polled_async->name, op->name);

  int polls = 0;
  FileSearchWaitOptions w = fast_wait();
  w.on_progress = [&](const FileSearchOperation&, milliseconds) { ++polls; };
  Result<FileSearchOperation> done = stores.wait(*op, w);
  ASSERT_TRUE(done.ok()) << done.error().to_string();
  EXPECT_TRUE(done->done);
  EXPECT_GE(polls, 2);
  EXPECT_EQ(done->parent, s.name);
  ASSERT_TRUE(done->document_name);
  EXPECT_EQ(done->document_name->rfind(s.name + "/documents/vacation-md-", 0), 0u) << *done->document_name;

  Result<Document> doc = stores.documents().get(*done->document_name);
  ASSERT_TRUE(doc.ok()) << doc.error().to_string();
  EXPECT_TRUE(doc->is_active());
  EXPECT_EQ(doc->display_name, "vacation.md");  // from X-Goog-Upload-File-Name
  EXPECT_EQ(doc->mime_type, "text/markdown");
  EXPECT_EQ(doc->size_bytes, static_cast<std::int64_t>(std::string(kVacation).size()));
  ASSERT_EQ(doc->custom_metadata.size(), 3u);
  EXPECT_EQ(doc->custom_metadata[0].string_value, "Ada");
  EXPECT_EQ(doc->custom_metadata[1].numeric_value, 2024);
  EXPECT_EQ(doc->custom_metadata[2].string_list_value, (std::vector<std::string>{"hr", "policy"}));

  FileSearchStore active = stores.get(s.name).value();
  EXPECT_EQ(active.active_documents_count, 1);
  EXPECT_EQ(active.pending_documents_count, 0);
  EXPECT_EQ(active.size_bytes, static_cast<std::int64_t>(std::string(kVacation).size()));
}

TEST_F(FileSearchTest, ImportsAFileOfTheFilesApi) {
  Client c = client();
  File f = c.files().upload(UploadSource::from_memory(kExpenses, "text/plain"), {.display_name = "expenses.txt"}).value();
  FileSearchStores stores = c.file_search_stores();
  FileSearchStore s = stores.create().value();
  Result<FileSearchOperation> op = stores.import_file(s.name, f.name);
  ASSERT_TRUE(op.ok()) << op.error().to_string();
  EXPECT_EQ(op->name.rfind(s.name + "/operations/", 0), 0u) << op->name;
  // client.operations() takes the operation too, as the SDKs' operations.get/wait do.
  Result<FileSearchOperation> polled = c.operations().get(*op);
  ASSERT_TRUE(polled.ok()) << polled.error().to_string();
  EXPECT_EQ(polled->name, op->name);
  EXPECT_FALSE(polled->done);
  Result<FileSearchOperation> done = c.operations().wait(*op, fast_wait());
  ASSERT_TRUE(done.ok()) << done.error().to_string();
  EXPECT_TRUE(done->done);
  EXPECT_TRUE(c.operations().wait(*done).ok());  // already done: no request, no pause
  std::vector<Document> docs;
  for (const Result<Document>& d : stores.documents().list(s.name)) {
    ASSERT_TRUE(d.ok()) << d.error().to_string();
    docs.push_back(*d);
  }
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].name, done->document_name);
  EXPECT_EQ(docs[0].display_name, "expenses.txt");
  EXPECT_TRUE(docs[0].is_active());

  // An unknown file: the Files API's refusal.
  Result<FileSearchOperation> missing = stores.import_file_async(s.name, "files/nosuchfile").get();
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().http_status, 403);
}

// Every call of stores and documents on the event loop, as callbacks: the
// upload's resumable protocol included.
// What a callback-taking call answers, waited for.
template <typename T, typename Start>
Result<T> answer_of(Start start) {
  std::promise<Result<T>> p;
  start([&](Result<T> r) { p.set_value(std::move(r)); });
  return p.get_future().get();
}

TEST_F(FileSearchTest, StoresAndDocumentsAnswerCallbacksOnTheEventLoop) {
  FileSearchStores stores = client().file_search_stores();
  Result<FileSearchStore> s = answer_of<FileSearchStore>(
      [&](Callback<FileSearchStore> cb) { stores.create_async({.display_name = "cb"}, std::move(cb)); });
  ASSERT_TRUE(s.ok()) << s.error().to_string();
  UploadToFileSearchStoreConfig cfg;
  cfg.chunk_size = 64;  // several chunks
  cfg.display_name = "vacation";
  std::set<std::thread::id> progress_threads;
  cfg.on_progress = [&](std::uint64_t, std::uint64_t) { progress_threads.insert(std::this_thread::get_id()); };
  Result<FileSearchOperation> op = answer_of<FileSearchOperation>([&](Callback<FileSearchOperation> cb) {
    stores.upload_to_file_search_store_async(s->name, UploadSource::from_memory(kVacation, "text/markdown"), cfg,
                                             std::move(cb));
  });
  ASSERT_TRUE(op.ok()) << op.error().to_string();
  ASSERT_EQ(progress_threads.size(), 1u);
  EXPECT_NE(*progress_threads.begin(), std::this_thread::get_id());
  Result<FileSearchOperation> done = stores.wait(*op, fast_wait());
  ASSERT_TRUE(done.ok() && done->document_name) << (done.ok() ? "no document" : done.error().to_string());

  Result<Document> doc = answer_of<Document>(
      [&](Callback<Document> cb) { stores.documents().get_async(*done->document_name, {}, std::move(cb)); });
  ASSERT_TRUE(doc.ok()) << doc.error().to_string();
  EXPECT_EQ(doc->display_name, "vacation");
  EXPECT_EQ(doc->size_bytes, static_cast<std::int64_t>(std::string(kVacation).size()));
  Result<FileSearchStore> got = answer_of<FileSearchStore>(
      [&](Callback<FileSearchStore> cb) { stores.get_async(s->name, {}, std::move(cb)); });
  ASSERT_TRUE(got.ok()) << got.error().to_string();
  EXPECT_EQ(got->active_documents_count, 1);
  Result<void> removed = answer_of<void>([&](Callback<void> cb) {
    stores.documents().delete_async(*done->document_name, {.force = true}, std::move(cb));
  });
  ASSERT_TRUE(removed.ok()) << removed.error().to_string();
  Result<void> dropped =
      answer_of<void>([&](Callback<void> cb) { stores.delete_async(s->name, {.force = true}, std::move(cb)); });
  ASSERT_TRUE(dropped.ok()) << dropped.error().to_string();
  EXPECT_EQ(stores.get(s->name).error().http_status, 404);
}

TEST_F(FileSearchTest, ChunkingConfigIsHonoured) {
  std::string text;
  for (int i = 0; i < 100; ++i) text += "word" + std::to_string(i) + (i % 7 == 6 ? "\n" : " ");
  FileSearchStores stores = client().file_search_stores();
  FileSearchStore s = stores.create().value();
  UploadToFileSearchStoreConfig cfg;
  cfg.chunking_config = ChunkingConfig{.white_space_config = WhiteSpaceConfig{.max_tokens_per_chunk = 10, .max_overlap_tokens = 2}};
  auto op = stores.upload_to_file_search_store(s.name, UploadSource::from_memory(text, "text/plain"), cfg);
  ASSERT_TRUE(op.ok()) << op.error().to_string();
  ASSERT_TRUE(stores.wait(*op, fast_wait()).ok());

  auto stored = server_->env().file_search().store("test-project", s.name.substr(17));
  ASSERT_TRUE(stored);
  ASSERT_EQ(stored->documents.size(), 1u);
  const std::vector<std::string>& chunks = stored->documents.begin()->second.chunks;
  ASSERT_EQ(chunks.size(), 13u);  // starts at words 0, 8, 16, ..., 96
  EXPECT_EQ(chunks[0].rfind("word0 ", 0), 0u);
  EXPECT_EQ(chunks[1].rfind("word8 word9 word10", 0), 0u);  // two words of overlap
  EXPECT_EQ(chunks[12], "word96 word97\nword98 word99");  // as written

  // What generateContent retrieves is one such chunk.
  GenerateContentResponse r = ask("What comes after word41?", FileSearch{{s.name}, 1, std::nullopt});
  ASSERT_FALSE(r.candidates.empty());
  std::vector<GroundingChunkRetrievedContext> ctx = r.candidates[0].retrieved_contexts();
  ASSERT_EQ(ctx.size(), 1u);
  ASSERT_TRUE(ctx[0].text);
  EXPECT_NE(ctx[0].text->find("word41"), std::string::npos);
  EXPECT_LE(std::count(ctx[0].text->begin(), ctx[0].text->end(), 'w'), 10);

  // Out of range: Google's 400.
  cfg.chunking_config->white_space_config->max_overlap_tokens = 10;
  Result<FileSearchOperation> bad = stores.upload_to_file_search_store(s.name, UploadSource::from_memory("x", "text/plain"), cfg);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().http_status, 400);
}

TEST_F(FileSearchTest, GenerateContentCitesTheDocumentThatAnswers) {
  FileSearchStore s = store_with({{"vacation.md", kVacation}, {"expenses.md", kExpenses}});
  GenerateContentResponse r = ask("How many vacation days do employees get per year?", FileSearch{{s.name}});
  ASSERT_FALSE(r.candidates.empty());
  const std::string answer = r.text();
  EXPECT_NE(answer.find("25 vacation days"), std::string::npos) << answer;
  std::vector<GroundingChunkRetrievedContext> ctx = r.candidates[0].retrieved_contexts();
  ASSERT_FALSE(ctx.empty());
  EXPECT_EQ(ctx[0].title, "vacation.md");
  EXPECT_EQ(ctx[0].file_search_store, s.name);
  ASSERT_TRUE(ctx[0].uri);
  EXPECT_EQ(ctx[0].uri->rfind(s.name + "/documents/vacation-md-", 0), 0u);
  ASSERT_TRUE(ctx[0].text);
  EXPECT_NE(ctx[0].text->find("25 vacation days"), std::string::npos);
  // The expense policy shares only "days" with the prompt: ranked below, if at all.
  for (size_t i = 1; i < ctx.size(); ++i) EXPECT_EQ(ctx[i].title, "expenses.md");

  std::vector<GroundingSupport> supports = r.candidates[0].grounding_supports();
  ASSERT_FALSE(supports.empty());
  for (const GroundingSupport& g : supports) {
    ASSERT_LE(g.end_index, static_cast<std::int64_t>(answer.size()));
    ASSERT_LT(g.start_index, g.end_index);
    EXPECT_EQ(g.text, answer.substr(g.start_index, g.end_index - g.start_index));
    ASSERT_EQ(g.grounding_chunk_indices.size(), 1u);
    EXPECT_LT(static_cast<size_t>(g.grounding_chunk_indices[0]), ctx.size());
  }

  // The other document for the other question, streamed too.
  GenerateContentConfig config;
  config.tools.push_back(Tool{.file_search = FileSearch{{s.name}}});
  std::string streamed;
  std::optional<Json> grounding;
  for (auto& chunk : client().models().generate_content_stream("gemini-2.5-flash", "How are travel meals reimbursed?", config)) {
    ASSERT_TRUE(chunk.ok()) << chunk.error().to_string();
    streamed += chunk->text();
    if (!chunk->candidates.empty() && chunk->candidates[0].grounding_metadata) grounding = chunk->candidates[0].grounding_metadata;
  }
  EXPECT_NE(streamed.find("60 euros"), std::string::npos) << streamed;
  ASSERT_TRUE(grounding);
  EXPECT_EQ((*grounding)["groundingChunks"][0]["retrievedContext"]["title"], "expenses.md");
}

TEST_F(FileSearchTest, APromptThatMatchesNothingIsAnsweredWithoutCitations) {
  FileSearchStore s = store_with({{"vacation.md", kVacation}});
  GenerateContentResponse r = ask("Explain quantum chromodynamics.", FileSearch{{s.name}});
  ASSERT_FALSE(r.candidates.empty());
  EXPECT_FALSE(r.text().empty());
  EXPECT_TRUE(r.candidates[0].retrieved_contexts().empty());
  EXPECT_FALSE(r.candidates[0].grounding_metadata);
}

TEST_F(FileSearchTest, MetadataFilterSelectsDocuments) {
  FileSearchStore s = store_with({{"a.md", "The launch date is Monday."}, {"b.md", "The launch date is Friday."}},
                                 {{CustomMetadata{.key = "author", .string_value = "ada"}},
                                  {CustomMetadata{.key = "author", .string_value = "bob"}}});
  GenerateContentResponse r = ask("When is the launch date?", FileSearch{{s.name}, std::nullopt, "author = \"bob\""});
  std::vector<GroundingChunkRetrievedContext> ctx = r.candidates.empty() ? std::vector<GroundingChunkRetrievedContext>{}
                                                                          : r.candidates[0].retrieved_contexts();
  ASSERT_EQ(ctx.size(), 1u);
  EXPECT_EQ(ctx[0].title, "b.md");
  ASSERT_TRUE(ctx[0].custom_metadata);

  GenerateContentConfig config;
  config.tools.push_back(Tool{.file_search = FileSearch{{s.name}, std::nullopt, "author = = bob"}});
  Result<GenerateContentResponse> bad = client().models().generate_content("gemini-2.5-flash", "launch", config);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().http_status, 400);
}

TEST_F(FileSearchTest, ErrorsAsGoogleAnswersThem) {
  FileSearchStores stores = client().file_search_stores();
  Result<FileSearchStore> unknown = stores.get("fileSearchStores/no-such-store");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().http_status, 404);
  Result<FileSearchStore> bad_name = stores.get("fileSearchStores/Bad_Name");
  ASSERT_FALSE(bad_name.ok());
  EXPECT_EQ(bad_name.error().http_status, 400);

  GenerateContentConfig config;
  config.tools.push_back(Tool{.file_search = FileSearch{{"fileSearchStores/no-such-store"}}});
  Result<GenerateContentResponse> r = client().models().generate_content("gemini-2.5-flash", "hello", config);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().http_status, 404);

  FileSearchStore s = store_with({{"vacation.md", kVacation}});
  Result<void> refused = stores.delete_(s.name);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().http_status, 400);
  EXPECT_EQ(refused.error().status, "FAILED_PRECONDITION");
  EXPECT_NE(refused.error().message.find("force"), std::string::npos);
  Document d = stores.documents().list(s.name).next()->value();
  Result<void> doc_refused = stores.documents().delete_(d.name);
  ASSERT_FALSE(doc_refused.ok());
  EXPECT_EQ(doc_refused.error().status, "FAILED_PRECONDITION");
  ASSERT_TRUE(stores.documents().delete_(d.name, {.force = true}).ok());
  EXPECT_EQ(stores.documents().get(d.name).error().http_status, 404);
  ASSERT_TRUE(store_with({}).name.size());
  FileSearchStore full = store_with({{"x.md", kExpenses}});
  ASSERT_TRUE(stores.delete_(full.name, {.force = true}).ok());
  EXPECT_EQ(stores.get(full.name).error().http_status, 404);

  // Another project's key sees no store of this one.
  ASSERT_TRUE(state().create_project("other-project").ok());
  ASSERT_TRUE(state().set_service_enabled("other-project", emulator::kGenerativeLanguage, true).ok());
  emulator::ApiKey spec;
  spec.project_id = "other-project";
  spec.kind = emulator::ApiKey::Kind::kStudio;
  Result<FileSearchStore> theirs = client(make_key(spec)).file_search_stores().get(s.name);
  ASSERT_FALSE(theirs.ok());
  EXPECT_EQ(theirs.error().http_status, 404);
}

TEST_F(FileSearchTest, APdfIsNotIndexedAndItsDocumentFails) {
  FileSearchStores stores = client().file_search_stores();
  FileSearchStore s = stores.create().value();
  auto op = stores.upload_to_file_search_store(s.name, UploadSource::from_memory("%PDF-1.4 ...", "application/pdf"));
  ASSERT_TRUE(op.ok()) << op.error().to_string();
  Result<FileSearchOperation> done = stores.wait(*op, fast_wait());
  ASSERT_FALSE(done.ok());
  EXPECT_NE(done.error().message.find("application/pdf"), std::string::npos) << done.error().message;
  EXPECT_EQ(stores.get(s.name).value().failed_documents_count, 1);
  Document d = stores.documents().list(s.name).next()->value();
  EXPECT_EQ(d.state, "STATE_FAILED");
}

TEST_F(FileSearchTest, VertexAiIsRefusedBeforeSending) {
  Client v = vertex_client();
  Result<FileSearchStore> r = v.file_search_stores().create();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
  EXPECT_NE(r.error().message.find("Gemini Developer API"), std::string::npos);
  EXPECT_FALSE(v.file_search_stores().list().next()->ok());
  EXPECT_FALSE(v.file_search_stores().upload_to_file_search_store("fileSearchStores/x", UploadSource::from_memory("a")).ok());
  EXPECT_FALSE(v.file_search_stores().documents().get("fileSearchStores/x/documents/y").ok());
}

TEST_F(FileSearchTest, HostileNamesAreRefusedBeforeSending) {
  FileSearchStores stores = client().file_search_stores();
  for (const char* bad : {"", "fileSearchStores/", "fileSearchStores/../files", "fileSearchStores/a%2Fb", "a?b=c",
                          "fileSearchStores/a b", "fileSearchStores/a/b"}) {
    Result<FileSearchStore> r = stores.get(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument) << bad;
    EXPECT_EQ(r.error().http_status, 0) << bad;  // never sent
  }
  EXPECT_EQ(stores.documents().get("fileSearchStores/s/documents/../x").error().http_status, 0);
  EXPECT_EQ(stores.documents().get("fileSearchStores/../documents/x").error().http_status, 0);
  EXPECT_EQ(stores.get_operation("fileSearchStores/s/operations/a?x").error().http_status, 0);
  EXPECT_EQ(stores.get_operation("operations/x").error().http_status, 0);
  // Metadata that is not UTF-8 cannot be sent as JSON.
  UploadToFileSearchStoreConfig cfg;
  cfg.display_name = std::string("bad \xff name");
  Result<FileSearchOperation> op =
      stores.upload_to_file_search_store("fileSearchStores/s", UploadSource::from_memory("x", "text/plain"), cfg);
  ASSERT_FALSE(op.ok());
  EXPECT_NE(op.error().message.find("UTF-8"), std::string::npos) << op.error().message;
}

TEST(FileSearchStateTest, StoresSurviveARestart) {
  const std::string path = (fs::temp_directory_path() / ("genai-fss-" + std::to_string(::getpid()) + ".json")).string();
  {
    emulator::FileSearchState state(path);
    emulator::SearchStore s = state.create_store("p", "Kept", "", std::chrono::system_clock::now());
    emulator::SearchDocument d;
    d.display_name = "doc";
    d.chunks = {"one chunk"};
    ASSERT_TRUE(state.add_document("p", s.id, d));
  }
  emulator::FileSearchState again(path);
  std::vector<emulator::SearchStore> stores = again.stores("p");
  ASSERT_EQ(stores.size(), 1u);
  EXPECT_EQ(stores[0].display_name, "Kept");
  ASSERT_EQ(stores[0].documents.size(), 1u);
  EXPECT_EQ(stores[0].documents.begin()->second.chunks, std::vector<std::string>{"one chunk"});
  EXPECT_TRUE(again.stores("other").empty());
  fs::remove(path);
}

}  // namespace
}  // namespace genai::testing
