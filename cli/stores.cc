// genai stores: File Search stores (Gemini Developer API). create, list,
// get, delete; upload a document (resumable, with a progress bar) or import
// a file of the Files API, then wait while it is indexed; and the store's
// documents (list, get, delete). `genai generate --file-search-store NAME`
// grounds an answer in a store.
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/app.h"
#include "cli/number_flags.h"
#include "cli/poll_progress.h"
#include "cli/progress.h"

namespace genai::cli {
namespace {

struct StoresOptions {
  std::string name;          // the store (or document) named
  std::string path;          // upload: the file; import: files/ID
  std::string display_name;
  std::string embedding_model;
  std::string mime_type;
  std::vector<std::string> metadata;  // KEY=VALUE, KEY=#NUMBER
  int max_tokens_per_chunk = 0;
  int max_overlap_tokens = -1;
  bool no_wait = false;
  double max_wait_s = 0;
  int page_size = 0;
  bool force = false;
  bool json = false;
};

nlohmann::json stores_store_json(const FileSearchStore& s) {
  nlohmann::json j = s.extra.is_object() ? s.extra : nlohmann::json::object();
  j["name"] = s.name;
  if (s.display_name) j["displayName"] = *s.display_name;
  if (s.create_time) j["createTime"] = *s.create_time;
  if (s.update_time) j["updateTime"] = *s.update_time;
  j["activeDocumentsCount"] = std::to_string(s.active_documents_count);
  j["pendingDocumentsCount"] = std::to_string(s.pending_documents_count);
  j["failedDocumentsCount"] = std::to_string(s.failed_documents_count);
  j["sizeBytes"] = std::to_string(s.size_bytes);
  if (s.embedding_model) j["embeddingModel"] = *s.embedding_model;
  return j;
}

nlohmann::json stores_document_json(const Document& d) {
  nlohmann::json j = d.extra.is_object() ? d.extra : nlohmann::json::object();
  j["name"] = d.name;
  if (d.display_name) j["displayName"] = *d.display_name;
  if (d.state) j["state"] = *d.state;
  if (d.size_bytes) j["sizeBytes"] = std::to_string(*d.size_bytes);
  if (d.mime_type) j["mimeType"] = *d.mime_type;
  if (d.create_time) j["createTime"] = *d.create_time;
  if (d.update_time) j["updateTime"] = *d.update_time;
  if (!d.custom_metadata.empty()) {
    nlohmann::json m = nlohmann::json::array();
    for (const CustomMetadata& c : d.custom_metadata) {
      nlohmann::json e = {{"key", c.key}};
      if (c.string_value) e["stringValue"] = *c.string_value;
      if (c.numeric_value) e["numericValue"] = *c.numeric_value;
      if (c.string_list_value) e["stringListValue"] = {{"values", *c.string_list_value}};
      m.push_back(std::move(e));
    }
    j["customMetadata"] = std::move(m);
  }
  return j;
}

// --metadata KEY=VALUE (a string) or KEY=#NUMBER (a number); false on a malformed one.
bool stores_metadata(Lang lang, const std::vector<std::string>& args, std::vector<CustomMetadata>* out) {
  for (const std::string& a : args) {
    const auto eq = a.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::cerr << "genai: error: " << tr(lang, M::kStoresBadMetadata, {a}) << "\n";
      return false;
    }
    CustomMetadata m;
    m.key = a.substr(0, eq);
    const std::string v = a.substr(eq + 1);
    if (!v.empty() && v[0] == '#') {
      try {
        size_t used = 0;
        m.numeric_value = std::stod(v.substr(1), &used);
        if (used + 1 != v.size()) throw std::invalid_argument(v);
      } catch (const std::exception&) {
        std::cerr << "genai: error: " << tr(lang, M::kStoresBadMetadata, {a}) << "\n";
        return false;
      }
    } else {
      m.string_value = v;
    }
    out->push_back(std::move(m));
  }
  return true;
}

std::optional<ChunkingConfig> stores_chunking(const StoresOptions& o) {
  if (o.max_tokens_per_chunk <= 0 && o.max_overlap_tokens < 0) return std::nullopt;
  WhiteSpaceConfig w;
  if (o.max_tokens_per_chunk > 0) w.max_tokens_per_chunk = o.max_tokens_per_chunk;
  if (o.max_overlap_tokens >= 0) w.max_overlap_tokens = o.max_overlap_tokens;
  return ChunkingConfig{.white_space_config = w};
}

// Waits for an upload's or an import's operation (Ctrl-C stops waiting, not
// the indexing), then prints the document's name (or, with --json, the document).
int stores_finish(const Client& client, Lang lang, const StoresOptions& o, FileSearchOperation op) {
  if (!o.no_wait && !op.done) {
    PollProgress<FileSearchOperation> progress(
        [](const FileSearchOperation&, long long) { return std::string(); },
        [lang](const FileSearchOperation*, long long s) { return tr(lang, M::kStoresIndexing, {std::to_string(s) + " s"}); });
    FileSearchWaitOptions w;
    static_cast<BasicWaitOptions<FileSearchOperation>&>(w) = progress.options(o.max_wait_s, /*poll_s=*/1);
    w.max_interval = std::chrono::seconds(10);
    Result<FileSearchOperation> done = client.file_search_stores().wait(op, w);
    progress.finish();
    if (!done) return report(done.error());
    op = std::move(*done);
  } else if (op.done && op.error) {
    return report(*op.error);
  }
  if (!op.done) {
    if (o.json) std::cout << nlohmann::json{{"name", op.name}, {"done", false}}.dump(2) << "\n";
    else std::cout << op.name << "\n";  // the operation: `genai stores documents list` shows the document later
    return kExitOk;
  }
  const std::string doc = op.document_name.value_or("");
  std::cerr << tr(lang, M::kStoresIndexed, {doc}) << "\n";
  if (o.json) {
    Result<Document> d = client.file_search_stores().documents().get(doc);
    if (!d) return report(d.error());
    std::cout << stores_document_json(*d).dump(2) << "\n";
  } else {
    std::cout << doc << "\n";
  }
  return kExitOk;
}

int stores_run(const AppContext& ctx, const std::function<int(const Client&, Lang)>& body) {
  int code = kExitOk;
  std::optional<Client> client = make_client(ctx.global, &code);
  if (!client) return code;
  return body(*client, lang_of(ctx.global));
}

int stores_create(const Client& c, Lang lang, const StoresOptions& o) {
  CreateFileSearchStoreConfig cfg;
  if (!o.display_name.empty()) cfg.display_name = o.display_name;
  if (!o.embedding_model.empty()) cfg.embedding_model = o.embedding_model;
  Result<FileSearchStore> s = c.file_search_stores().create(cfg);
  if (!s) return report(s.error());
  std::cerr << tr(lang, M::kStoresCreated, {s->name}) << "\n";
  std::cout << (o.json ? stores_store_json(*s).dump(2) : s->name) << "\n";
  return kExitOk;
}

int stores_list(const Client& c, Lang lang, const StoresOptions& o) {
  int n = 0;
  for (const Result<FileSearchStore>& s : c.file_search_stores().list({.page_size = o.page_size})) {
    if (!s) return report(s.error());
    ++n;
    if (o.json) {
      std::cout << stores_store_json(*s).dump() << "\n";
      continue;
    }
    std::cout << s->name << "\t" << s->active_documents_count << " active, " << s->pending_documents_count
              << " pending, " << s->failed_documents_count << " failed\t"
              << ProgressDisplay::size_text(static_cast<std::uint64_t>(s->size_bytes)) << "\t"
              << s->display_name.value_or("") << "\n";
  }
  if (n == 0 && !o.json) std::cerr << tr(lang, M::kStoresNone) << "\n";
  return kExitOk;
}

int stores_upload(const Client& c, Lang lang, const StoresOptions& o) {
  UploadToFileSearchStoreConfig cfg;
  cfg.mime_type = o.mime_type;
  if (!o.display_name.empty()) cfg.display_name = o.display_name;
  if (!stores_metadata(lang, o.metadata, &cfg.custom_metadata)) return kExitUsage;
  cfg.chunking_config = stores_chunking(o);
  ProgressDisplay display(lang);
  const std::string shown = o.path.substr(o.path.find_last_of('/') + 1);
  cfg.on_progress = [&](std::uint64_t sent, std::uint64_t total) { display.bytes(shown, sent, total); };
  Result<FileSearchOperation> op = c.file_search_stores().upload_to_file_search_store(o.name, o.path, cfg);
  display.clear();
  if (!op) return report(op.error());
  std::cerr << tr(lang, M::kStoresUploaded, {o.path, o.name, op->name}) << "\n";
  return stores_finish(c, lang, o, std::move(*op));
}

int stores_import(const Client& c, Lang lang, const StoresOptions& o) {
  ImportFileConfig cfg;
  if (!stores_metadata(lang, o.metadata, &cfg.custom_metadata)) return kExitUsage;
  cfg.chunking_config = stores_chunking(o);
  Result<FileSearchOperation> op = c.file_search_stores().import_file(o.name, o.path, cfg);
  if (!op) return report(op.error());
  std::cerr << tr(lang, M::kStoresImporting, {o.path, o.name}) << "\n";
  return stores_finish(c, lang, o, std::move(*op));
}

int stores_documents_list(const Client& c, Lang lang, const StoresOptions& o) {
  int n = 0;
  for (const Result<Document>& d : c.file_search_stores().documents().list(o.name, {.page_size = o.page_size})) {
    if (!d) return report(d.error());
    ++n;
    if (o.json) {
      std::cout << stores_document_json(*d).dump() << "\n";
      continue;
    }
    std::cout << d->name << "\t" << d->state.value_or("?") << "\t"
              << ProgressDisplay::size_text(static_cast<std::uint64_t>(d->size_bytes.value_or(0))) << "\t"
              << d->mime_type.value_or("?") << "\t" << d->display_name.value_or("") << "\n";
  }
  if (n == 0 && !o.json) std::cerr << tr(lang, M::kStoresNoDocuments, {o.name}) << "\n";
  return kExitOk;
}

}  // namespace

void add_stores_command(CLI::App& app, AppContext& ctx) {
  CLI::App* stores = app.add_subcommand(
      "stores", "File Search stores: create, list, get, delete, upload, import, documents (Developer API)");
  stores->require_subcommand(1);
  stores->footer(
      "A File Search store holds documents that Google cuts into chunks and indexes; `genai generate\n"
      "--file-search-store NAME` then answers from the chunks that match the prompt and lists the documents\n"
      "it cites on stderr. Uploads are resumable (progress on stderr); upload and import wait until the\n"
      "document is indexed (ACTIVE) unless --no-wait. Vertex AI has no File Search stores.\n\n"
      "Examples:\n"
      "  STORE=$(genai stores create --display-name handbook)\n"
      "  genai stores upload \"$STORE\" handbook.md --metadata team=hr --metadata year=#2025\n"
      "  genai generate --file-search-store \"$STORE\" \"How many vacation days do I get?\"\n"
      "  genai stores documents list \"$STORE\"\n"
      "  genai stores delete \"$STORE\" --force");
  auto o = std::make_shared<StoresOptions>();
  const auto action = [&ctx, o](int (*fn)(const Client&, Lang, const StoresOptions&)) {
    return [&ctx, o, fn] {
      ctx.action = [&ctx, o, fn] { return stores_run(ctx, [&](const Client& c, Lang l) { return fn(c, l, *o); }); };
    };
  };
  const auto add_document_options = [o](CLI::App* cmd) {
    cmd->add_option("--metadata", o->metadata,
                    "Custom metadata KEY=VALUE, or KEY=#NUMBER for a number (repeatable; up to 20)")
        ->allow_extra_args(false);
    cmd->add_option("--max-tokens-per-chunk", o->max_tokens_per_chunk, "Chunking: tokens per chunk (1 to 2048)")
        ->transform(whole_number_in(1, 2048));
    cmd->add_option("--max-overlap-tokens", o->max_overlap_tokens, "Chunking: tokens shared by adjacent chunks")
        ->transform(whole_number_in(0, 2047));
    cmd->add_flag("--no-wait", o->no_wait, "Do not wait for indexing; print the operation's name");
    cmd->add_option("--max-wait", o->max_wait_s, "Give up waiting after this many seconds")->check(number_in(0, 1e9));
    cmd->add_flag("--json", o->json, "Print the document as JSON instead of its name");
  };

  CLI::App* create = stores->add_subcommand("create", "Create a store; prints its name (fileSearchStores/...) on stdout");
  create->add_option("--display-name", o->display_name, "A display name (up to 512 characters)");
  create->add_option("--embedding-model", o->embedding_model, "The embedding model, e.g. gemini-embedding-001");
  create->add_flag("--json", o->json, "Print the whole store as JSON");
  create->callback(action(&stores_create));

  CLI::App* list = stores->add_subcommand("list", "List the project's stores: name, documents, size, display name");
  list->add_option("--page-size", o->page_size, "Stores per request (1 to 20)")->transform(whole_number_in(1, 20));
  list->add_flag("--json", o->json, "One JSON object per line");
  list->callback(action(&stores_list));

  CLI::App* get = stores->add_subcommand("get", "Print a store as JSON");
  get->add_option("name", o->name, "fileSearchStores/ID or ID")->required();
  get->callback(action(+[](const Client& c, Lang, const StoresOptions& opt) {
    Result<FileSearchStore> s = c.file_search_stores().get(opt.name);
    if (!s) return report(s.error());
    std::cout << stores_store_json(*s).dump(2) << "\n";
    return static_cast<int>(kExitOk);
  }));

  CLI::App* del = stores->add_subcommand("delete", "Delete a store (--force: with its documents)");
  del->add_option("name", o->name, "fileSearchStores/ID or ID")->required();
  del->add_flag("--force", o->force, "Also delete its documents (a store holding documents is refused without it)");
  del->callback(action(+[](const Client& c, Lang lang, const StoresOptions& opt) {
    DeleteFileSearchStoreConfig cfg;
    if (opt.force) cfg.force = true;
    if (Result<void> r = c.file_search_stores().delete_(opt.name, cfg); !r) return report(r.error());
    std::cerr << tr(lang, M::kStoresDeleted, {opt.name}) << "\n";
    return static_cast<int>(kExitOk);
  }));

  CLI::App* upload = stores->add_subcommand("upload", "Upload a document into a store and wait until it is indexed");
  upload->add_option("store", o->name, "fileSearchStores/ID or ID")->required();
  upload->add_option("path", o->path, "The file to upload (text, Markdown, HTML, JSON, CSV, PDF, ...)")
      ->required()
      ->check(CLI::ExistingFile);
  upload->add_option("--mime-type", o->mime_type, "Its MIME type (default: from the extension, else the content)");
  upload->add_option("--display-name", o->display_name, "The document's display name (default: the file's name)");
  add_document_options(upload);
  upload->callback(action(&stores_upload));

  CLI::App* import = stores->add_subcommand("import", "Import a file of the Files API (files/ID) into a store");
  import->add_option("store", o->name, "fileSearchStores/ID or ID")->required();
  import->add_option("file", o->path, "files/ID, from `genai files upload`")->required();
  add_document_options(import);
  import->callback(action(&stores_import));

  CLI::App* docs = stores->add_subcommand("documents", "A store's documents: list, get, delete");
  docs->require_subcommand(1);
  CLI::App* dlist = docs->add_subcommand("list", "List a store's documents: name, state, size, type, display name");
  dlist->add_option("store", o->name, "fileSearchStores/ID or ID")->required();
  dlist->add_option("--page-size", o->page_size, "Documents per request (1 to 20)")->transform(whole_number_in(1, 20));
  dlist->add_flag("--json", o->json, "One JSON object per line");
  dlist->callback(action(&stores_documents_list));
  CLI::App* dget = docs->add_subcommand("get", "Print a document as JSON");
  dget->add_option("name", o->name, "fileSearchStores/ID/documents/DOC")->required();
  dget->callback(action(+[](const Client& c, Lang, const StoresOptions& opt) {
    Result<Document> d = c.file_search_stores().documents().get(opt.name);
    if (!d) return report(d.error());
    std::cout << stores_document_json(*d).dump(2) << "\n";
    return static_cast<int>(kExitOk);
  }));
  CLI::App* ddel = docs->add_subcommand("delete", "Delete a document (--force: with its chunks)");
  ddel->add_option("name", o->name, "fileSearchStores/ID/documents/DOC")->required();
  ddel->add_flag("--force", o->force, "Also delete its chunks (Google refuses an indexed document without it)");
  ddel->callback(action(+[](const Client& c, Lang lang, const StoresOptions& opt) {
    DeleteDocumentConfig cfg;
    if (opt.force) cfg.force = true;
    if (Result<void> r = c.file_search_stores().documents().delete_(opt.name, cfg); !r) return report(r.error());
    std::cerr << tr(lang, M::kStoresDeleted, {opt.name}) << "\n";
    return static_cast<int>(kExitOk);
  }));
}

}  // namespace genai::cli
