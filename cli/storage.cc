// genai storage cp|ls|rm: Cloud Storage from the terminal, through libgenai's
// genai::Storage (the client's Vertex AI credential; STORAGE_EMULATOR_HOST or
// --endpoint for another server, such as genai-emulator). cp streams either
// way with a progress display; a download lands atomically and never
// replaces a file unless --force.
#include <sys/stat.h>

#include <filesystem>
#include <iostream>

#include "cli/app.h"
#include "cli/progress.h"

namespace genai::cli {
namespace {

struct StorageFlags {
  std::string endpoint;
  std::vector<std::string> args;
  bool force = false;
  bool quiet = false;
  bool long_listing = false;
  std::string content_type;
  int chunk_mib = 8;
};

bool is_gs(const std::string& s) { return s.rfind("gs://", 0) == 0; }

std::string base_name(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::optional<Storage> open_storage(AppContext& ctx, const StorageFlags& f, int* code) {
  std::optional<Client> client = make_client(ctx.global, code);
  if (!client) return std::nullopt;
  return client->storage(StorageOptions{f.endpoint});
}

int run_cp(AppContext& ctx, const StorageFlags& f) {
  const Lang lang = lang_of(ctx.global);
  if (f.args.size() != 2 || is_gs(f.args[0]) == is_gs(f.args[1])) {
    std::cerr << "genai: error: " << tr(lang, M::kStorageCpNeedsOneGs) << "\n";
    return kExitUsage;
  }
  int code = kExitOk;
  if (!is_gs(f.args[0])) {  // upload
    const std::string& local = f.args[0];
    std::string target = f.args[1];
    Result<GcsUri> uri = GcsUri::parse(target);
    if (!uri) return report(uri.error());
    if (uri->object.empty() || target.back() == '/') target = uri->to_string() + (uri->object.empty() ? "/" : "") + base_name(local);
    Result<UploadSource> source = UploadSource::from_path(local);
    if (!source) return report(source.error());
    std::optional<Storage> gcs = open_storage(ctx, f, &code);
    if (!gcs) return code;
    StorageUploadConfig config;
    config.content_type = f.content_type;
    config.chunk_size = static_cast<std::size_t>(f.chunk_mib) << 20;
    ProgressDisplay progress(lang, f.quiet);
    const std::string shown = base_name(local);
    config.progress = [&](std::uint64_t done, std::uint64_t total) { progress.bytes(shown, done, total); };
    Result<StorageObject> o = gcs->upload(*source, target, config);
    progress.clear();
    if (!o) return report(o.error());
    if (!f.quiet) std::cerr << tr(lang, M::kStorageUploaded, {local, o->uri(), std::to_string(o->size)}) << "\n";
    return kExitOk;
  }
  // download
  Result<GcsUri> uri = GcsUri::parse(f.args[0]);
  if (!uri) return report(uri.error());
  std::string local = f.args[1];
  std::error_code ec;
  if (std::filesystem::is_directory(local, ec)) local = (std::filesystem::path(local) / base_name(uri->object)).string();
  struct stat st {};
  if (!f.force && ::lstat(local.c_str(), &st) == 0) {
    std::cerr << "genai: error: " << tr(lang, M::kStorageExists, {local}) << "\n";
    return kExitUsage;
  }
  std::optional<Storage> gcs = open_storage(ctx, f, &code);
  if (!gcs) return code;
  StorageDownloadConfig config;
  config.overwrite = f.force;
  ProgressDisplay progress(lang, f.quiet);
  const std::string shown = base_name(uri->object);
  config.progress = [&](std::uint64_t done, std::uint64_t total) { progress.bytes(shown, done, total); };
  Result<StorageObject> o = gcs->download(f.args[0], local, config);
  progress.clear();
  if (!o) return report(o.error());
  if (!f.quiet) std::cerr << tr(lang, M::kStorageDownloaded, {o->uri(), local, std::to_string(o->size)}) << "\n";
  return kExitOk;
}

int run_ls(AppContext& ctx, const StorageFlags& f) {
  if (f.args.size() != 1) {
    std::cerr << "genai: error: genai storage ls takes one gs://BUCKET[/PREFIX]\n";
    return kExitUsage;
  }
  int code = kExitOk;
  std::optional<Storage> gcs = open_storage(ctx, f, &code);
  if (!gcs) return code;
  for (const Result<StorageObject>& o : gcs->list(f.args[0])) {
    if (!o) return report(o.error());
    if (f.long_listing) {
      std::cout << o->size << "\t" << o->updated << "\t" << o->uri() << "\n";
    } else {
      std::cout << o->uri() << "\n";
    }
  }
  return kExitOk;
}

int run_rm(AppContext& ctx, const StorageFlags& f) {
  if (f.args.empty()) {
    std::cerr << "genai: error: genai storage rm takes one or more gs://BUCKET/OBJECT\n";
    return kExitUsage;
  }
  int code = kExitOk;
  std::optional<Storage> gcs = open_storage(ctx, f, &code);
  if (!gcs) return code;
  for (const std::string& uri : f.args) {
    if (Result<void> r = gcs->remove(uri); !r) return report(r.error());
    if (!f.quiet) std::cerr << tr(lang_of(ctx.global), M::kStorageRemoved, {uri}) << "\n";
  }
  return kExitOk;
}

}  // namespace

void add_storage_command(CLI::App& app, AppContext& ctx) {
  auto f = std::make_shared<StorageFlags>();
  CLI::App* cmd = app.add_subcommand("storage", "Cloud Storage (gs://): copy files in and out, list, remove");
  cmd->require_subcommand(1);
  cmd->footer(
      "Uses the client's Vertex AI credential (Cloud Storage takes OAuth, not API keys). The endpoint is\n"
      "https://storage.googleapis.com, or $STORAGE_EMULATOR_HOST (host:port or a URL), or --endpoint.\n\n"
      "Examples:\n  genai --vertex storage cp talk.mp4 gs://my-bucket/media/\n"
      "  genai --vertex storage cp gs://my-bucket/out/predictions.jsonl .\n"
      "  genai --vertex storage ls gs://my-bucket/out/\n  genai --vertex storage rm gs://my-bucket/media/talk.mp4");
  cmd->add_option("--endpoint", f->endpoint, "Cloud Storage's base URL (default $STORAGE_EMULATOR_HOST, else Google's)");
  CLI::App* cp = cmd->add_subcommand("cp", "Upload LOCAL to gs://..., or download gs://... to LOCAL");
  cp->footer("A gs:// destination ending in / (or a bare bucket) takes the file's name; a local directory\n"
             "destination takes the object's. Uploads are resumable (--chunk-size MiB per request); downloads\n"
             "are checked (MD5, CRC32C) and written atomically. An existing local file is kept unless --force.");
  cp->add_option("source destination", f->args, "LOCAL gs://BUCKET/OBJECT, or gs://BUCKET/OBJECT LOCAL")->expected(2);
  cp->add_flag("--force", f->force, "Overwrite an existing local file");
  cp->add_flag("-q,--quiet", f->quiet, "No progress or summary on stderr");
  cp->add_option("--content-type", f->content_type, "The object's Content-Type (default: from the file's extension)");
  cp->add_option("--chunk-size", f->chunk_mib, "MiB per upload request (default 8; rounded to 256 KiB)")
      ->check(CLI::Range(1, 16));
  cp->callback([&ctx, f] { ctx.action = [&ctx, f] { return run_cp(ctx, *f); }; });
  CLI::App* ls = cmd->add_subcommand("ls", "List the objects under gs://BUCKET[/PREFIX], one URI a line");
  ls->add_option("prefix", f->args, "gs://BUCKET or gs://BUCKET/PREFIX")->required();
  ls->add_flag("-l,--long", f->long_listing, "Also the size in bytes and the last update time");
  ls->callback([&ctx, f] { ctx.action = [&ctx, f] { return run_ls(ctx, *f); }; });
  CLI::App* rm = cmd->add_subcommand("rm", "Remove objects");
  rm->add_option("objects", f->args, "gs://BUCKET/OBJECT ...")->required();
  rm->add_flag("-q,--quiet", f->quiet, "No summary on stderr");
  rm->callback([&ctx, f] { ctx.action = [&ctx, f] { return run_rm(ctx, *f); }; });
}

}  // namespace genai::cli
