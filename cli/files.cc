// genai files: the Files API (Gemini Developer API). upload (resumable, with
// a progress bar on a terminal and log lines otherwise), list, get, delete,
// download (generated files, e.g. Veo's videos).
#include <filesystem>
#include <iostream>
#include <thread>

#include <nlohmann/json.hpp>

#include "cli/app.h"
#include "cli/number_flags.h"
#include "cli/poll_progress.h"
#include "cli/progress.h"

namespace genai::cli {
namespace {

struct FilesOptions {
  std::string path;
  std::string mime_type;
  std::string display_name;
  std::string name;
  bool wait = false;
  double max_wait_s = 0;
  int page_size = 0;
  std::string output;
  bool force = false;
  bool json = false;
};

nlohmann::json files_file_json(const File& f) {
  nlohmann::json j = nlohmann::json::object();
  j["name"] = f.name;
  const auto put = [&](const char* key, const std::optional<std::string>& v) {
    if (v) j[key] = *v;
  };
  put("displayName", f.display_name);
  put("mimeType", f.mime_type);
  if (f.size_bytes) j["sizeBytes"] = std::to_string(*f.size_bytes);
  put("createTime", f.create_time);
  put("updateTime", f.update_time);
  put("expirationTime", f.expiration_time);
  put("sha256Hash", f.sha256_hash);
  put("uri", f.uri);
  put("downloadUri", f.download_uri);
  put("state", f.state);
  put("source", f.source);
  if (f.video_metadata) j["videoMetadata"] = *f.video_metadata;
  if (f.error) j["error"] = *f.error;
  for (auto it = f.extra.begin(); it != f.extra.end(); ++it) j[it.key()] = it.value();
  return j;
}

// Polls until ACTIVE (Ctrl-C or --max-wait stop waiting, not the processing),
// with a spinner on a terminal.
Result<File> files_wait_active(const Client& client, Lang lang, const File& f, double max_wait_s) {
  if (f.is_active()) return f;
  std::cerr << tr(lang, M::kFilesWaiting, {f.name}) << "\n";
  PollProgress<File> progress([](const File&, long long) { return std::string(); },
                              [name = f.name](const File*, long long s) { return name + " … " + std::to_string(s) + " s"; });
  FileWaitOptions w = progress.options(max_wait_s, /*poll_s=*/2);
  w.max_interval = std::chrono::seconds(10);
  Result<File> active = client.files().wait_until_active(f.name, w);
  progress.finish();
  if (active) std::cerr << tr(lang, M::kFilesActive, {f.name}) << "\n";
  return active;
}

int files_run_upload(const AppContext& ctx, const FilesOptions& o) {
  const Lang lang = lang_of(ctx.global);
  int code = kExitOk;
  std::optional<Client> client = make_client(ctx.global, &code);
  if (!client) return code;
  ProgressDisplay display(lang);
  UploadFileConfig cfg;
  cfg.mime_type = o.mime_type;
  cfg.display_name = o.display_name;
  cfg.name = o.name;
  const std::string shown = o.path.substr(o.path.find_last_of('/') + 1);
  cfg.on_progress = [&](std::uint64_t sent, std::uint64_t total) { display.bytes(shown, sent, total); };
  Result<File> f = client->files().upload(o.path, cfg);
  display.clear();
  if (!f) return report(f.error());
  std::cerr << tr(lang, M::kFilesUploaded,
                  {o.path, f->name, f->mime_type.value_or("?"),
                   ProgressDisplay::size_text(static_cast<std::uint64_t>(f->size_bytes.value_or(0)))})
            << "\n";
  if (o.wait) {
    f = files_wait_active(*client, lang, *f, o.max_wait_s);
    if (!f) return report(f.error());
  }
  if (o.json) {
    std::cout << files_file_json(*f).dump(2) << "\n";
  } else {
    std::cout << f->name << "\n";  // for NAME=$(genai files upload ...)
  }
  return kExitOk;
}

int files_run_list(const AppContext& ctx, const FilesOptions& o) {
  int code = kExitOk;
  std::optional<Client> client = make_client(ctx.global, &code);
  if (!client) return code;
  ListFilesConfig cfg;
  cfg.page_size = o.page_size;
  int n = 0;
  for (const Result<File>& f : client->files().list(cfg)) {
    if (!f) return report(f.error());
    ++n;
    if (o.json) {
      std::cout << files_file_json(*f).dump() << "\n";  // one JSON object per line
      continue;
    }
    std::cout << f->name << "\t" << f->state.value_or("?") << "\t"
              << ProgressDisplay::size_text(static_cast<std::uint64_t>(f->size_bytes.value_or(0))) << "\t"
              << f->mime_type.value_or("?") << "\t" << f->display_name.value_or("") << "\n";
  }
  if (n == 0 && !o.json) std::cerr << tr(lang_of(ctx.global), M::kFilesNone) << "\n";
  return kExitOk;
}

int files_run_get(const AppContext& ctx, const FilesOptions& o) {
  int code = kExitOk;
  std::optional<Client> client = make_client(ctx.global, &code);
  if (!client) return code;
  Result<File> f = client->files().get(o.name);
  if (!f) return report(f.error());
  if (o.wait) {
    f = files_wait_active(*client, lang_of(ctx.global), *f, o.max_wait_s);
    if (!f) return report(f.error());
  }
  std::cout << files_file_json(*f).dump(2) << "\n";
  return kExitOk;
}

int files_run_delete(const AppContext& ctx, const FilesOptions& o) {
  int code = kExitOk;
  std::optional<Client> client = make_client(ctx.global, &code);
  if (!client) return code;
  if (Result<void> r = client->files().delete_(o.name); !r) return report(r.error());
  std::cerr << tr(lang_of(ctx.global), M::kFilesDeleted, {o.name}) << "\n";
  return kExitOk;
}

int files_run_download(const AppContext& ctx, const FilesOptions& o) {
  int code = kExitOk;
  std::optional<Client> client = make_client(ctx.global, &code);
  if (!client) return code;
  DownloadFileConfig cfg;
  cfg.overwrite = o.force;
  if (o.output == "-") {
    if (Result<void> r = client->files().download(o.name, std::cout, cfg); !r) return report(r.error());
    std::cout.flush();
    return kExitOk;
  }
  if (Result<void> r = client->files().download(o.name, o.output, cfg); !r) return report(r.error());
  std::error_code ec;
  const auto size = std::filesystem::file_size(o.output, ec);
  std::cerr << tr(lang_of(ctx.global), M::kFilesWrote, {o.output, std::to_string(ec ? 0 : size)}) << "\n";
  return kExitOk;
}

}  // namespace

void add_files_command(CLI::App& app, AppContext& ctx) {
  CLI::App* files = app.add_subcommand("files", "The Files API: upload, list, get, delete, download (Developer API)");
  files->require_subcommand(1);
  files->footer(
      "Upload a file once (up to 2 GB; Google keeps it 48 hours), then name it in prompts instead of sending\n"
      "its bytes: genai generate --uploaded files/abc \"Summarise it\". Uploads are resumable: a chunk that\n"
      "fails is resumed where the server stands, under the retry policy (--retries). Progress goes to stderr\n"
      "(a bar with rate and ETA on a terminal, a line per 10% otherwise). Only generated files (Veo's\n"
      "videos) can be downloaded: Google does not hand back uploaded ones. Vertex AI has no Files API.\n\n"
      "Examples:\n"
      "  NAME=$(genai files upload talk.mp4 --wait)\n"
      "  genai generate --uploaded \"$NAME\" \"What is the talk about?\"\n"
      "  genai files list\n"
      "  genai files delete \"$NAME\"");
  auto o = std::make_shared<FilesOptions>();

  CLI::App* upload = files->add_subcommand("upload", "Upload a file; prints its name (files/...) on stdout");
  upload->add_option("path", o->path, "The file to upload")->required()->check(CLI::ExistingFile);
  upload->add_option("--mime-type", o->mime_type, "Its MIME type (default: from the extension, else the content)");
  upload->add_option("--display-name", o->display_name, "A display name shown by `genai files list`");
  upload->add_option("--name", o->name, "Choose the name: files/ID (lower-case letters, digits, dashes)");
  upload->add_flag("--wait", o->wait, "Wait until the file is ACTIVE (videos are PROCESSING for a while)");
  upload->add_option("--max-wait", o->max_wait_s, "With --wait: give up after this many seconds")
      ->check(number_in(0, 1e9));
  upload->add_flag("--json", o->json, "Print the whole File as JSON instead of its name");
  upload->callback([&ctx, o] { ctx.action = [&ctx, o] { return files_run_upload(ctx, *o); }; });

  CLI::App* list = files->add_subcommand("list", "List the project's files: name, state, size, type, display name");
  list->add_option("--page-size", o->page_size, "Files per request (1 to 100)")->transform(whole_number_in(1, 100));
  list->add_flag("--json", o->json, "One JSON object per line");
  list->callback([&ctx, o] { ctx.action = [&ctx, o] { return files_run_list(ctx, *o); }; });

  CLI::App* get = files->add_subcommand("get", "Print a file's metadata as JSON");
  get->add_option("name", o->name, "files/ID, ID, or the file's uri")->required();
  get->add_flag("--wait", o->wait, "Wait until the file is ACTIVE first");
  get->add_option("--max-wait", o->max_wait_s, "With --wait: give up after this many seconds")->check(number_in(0, 1e9));
  get->callback([&ctx, o] { ctx.action = [&ctx, o] { return files_run_get(ctx, *o); }; });

  CLI::App* del = files->add_subcommand("delete", "Delete a file");
  del->add_option("name", o->name, "files/ID or ID")->required();
  del->callback([&ctx, o] { ctx.action = [&ctx, o] { return files_run_delete(ctx, *o); }; });

  CLI::App* download = files->add_subcommand("download", "Download a generated file (e.g. a Veo video)");
  download->add_option("name", o->name, "files/ID, ID, or its uri / downloadUri")->required();
  download->add_option("-o,--output", o->output, "Where to write it (\"-\": stdout); written atomically")->required();
  download->add_flag("--force", o->force, "Overwrite an existing file");
  download->callback([&ctx, o] { ctx.action = [&ctx, o] { return files_run_download(ctx, *o); }; });
}

}  // namespace genai::cli
