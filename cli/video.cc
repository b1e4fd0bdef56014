// genai video: Veo's generate_videos, waited for with a progress display and
// written to files; genai operations get|wait NAME: an operation started
// earlier (genai video --no-wait, or another program).
#include <sys/stat.h>
#include <unistd.h>

#include <iostream>
#include <thread>

#include "cli/app.h"
#include "cli/media.h"
#include "cli/number_flags.h"
#include "cli/poll_progress.h"

namespace genai::cli {
namespace {

struct WaitFlags {
  std::string output;
  bool force = false;
  double timeout_s = 0;  // 0: no limit
  double poll_s = 0;     // 0: the library's default (5 s, growing to 30 s)
};

struct VideoOptions {
  std::vector<std::string> prompt;
  std::string image;
  std::string last_frame;
  std::string aspect_ratio;
  int duration = 0;
  std::string resolution;
  std::string negative_prompt;
  int n = 1;
  std::string model;
  bool no_wait = false;
  WaitFlags wait;
};

std::string default_video_model() {
  const char* m = std::getenv("GENAI_VIDEO_MODEL");
  return m && *m ? m : "veo-3.0-generate-001";
}

bool video_path_exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

// Veo's progress: "still running (N s)" per poll in a log, a spinner on a terminal.
PollProgress<GenerateVideosOperation> video_progress(Lang lang) {
  return PollProgress<GenerateVideosOperation>(
      [lang](const GenerateVideosOperation& op, long long s) {
        return op.done ? std::string() : tr(lang, M::kVideoRunning, {op.name, std::to_string(s)});
      },
      [lang](const GenerateVideosOperation*, long long s) { return tr(lang, M::kVideoSpinner, {std::to_string(s)}); });
}

// Writes the operation's videos to -o (numbered for several), or prints the
// operation as JSON without -o.
int write_videos(Lang lang, const GenerateVideosOperation& op, const WaitFlags& f) {
  if (f.output.empty()) {
    std::cout << op.raw->dump(2) << "\n";
    return kExitOk;
  }
  const GenerateVideosResponse empty;
  const GenerateVideosResponse& r = op.result ? *op.result : empty;
  if (r.rai_media_filtered_count.value_or(0) > 0) {
    std::string reasons;
    for (const std::string& why : r.rai_media_filtered_reasons) reasons += (reasons.empty() ? ": " : "; ") + why;
    std::cerr << tr(lang, M::kVideoFiltered, {std::to_string(*r.rai_media_filtered_count), reasons}) << "\n";
  }
  std::vector<const Video*> videos;
  for (const GeneratedVideo& g : r.generated_videos) {
    if (g.video) videos.push_back(&*g.video);
  }
  if (videos.empty()) {
    std::cerr << "genai: error: " << tr(lang, M::kVideoNone) << "\n";
    return kExitApi;
  }
  const std::vector<std::string> paths = numbered_paths(f.output, videos.size());
  for (size_t i = 0; i < videos.size(); ++i) {
    Result<std::string> bytes = videos[i]->bytes();  // downloads on the Developer API
    if (!bytes) return report(bytes.error());
    Video local;
    local.video_bytes = std::move(*bytes);
    if (Result<void> saved = local.save(paths[i], f.force); !saved) return report(saved.error());
    std::cerr << tr(lang, M::kVideoWrote, {paths[i], std::to_string(local.video_bytes.size())}) << "\n";
  }
  return kExitOk;
}

int wait_and_write(const GlobalOptions& g, const Client& client, const std::string& name, const WaitFlags& f) {
  const Lang lang = lang_of(g);
  PollProgress<GenerateVideosOperation> progress = video_progress(lang);
  Result<GenerateVideosOperation> op = client.operations().wait(name, progress.options(f.timeout_s, f.poll_s));
  const long long waited = progress.finish();
  if (op) std::cerr << tr(lang, M::kVideoDone, {name, std::to_string(waited)}) << "\n";
  if (!op) {
    // Out of time or interrupted: the operation goes on, and the fix is the
    // command that resumes the wait.
    if (op.error().status == "DEADLINE_EXCEEDED" || op.error().kind == ErrorKind::kCancelled) {
      std::cerr << "genai: error: " << op.error().message << "\n" << tr(lang, M::kVideoResume, {name}) << "\n";
      return exit_code_for(op.error());
    }
    return report(op.error());
  }
  return write_videos(lang, *op, f);
}

// Refuses an -o that exists before the (billed) call; saving checks again atomically.
bool outputs_free(const WaitFlags& f, size_t n) {
  if (f.output.empty() || f.force) return true;
  for (const std::string& p : numbered_paths(f.output, n)) {
    if (video_path_exists(p)) {
      std::cerr << "genai: error: " << p << " already exists\n  fix: choose another -o name, or pass --force to "
                << "overwrite it\n";
      return false;
    }
  }
  return true;
}

std::optional<Image> read_frame(const std::string& path, int* code) {
  if (path.empty()) return std::nullopt;
  Result<Image> image = Image::from_file(path);
  if (!image) {
    *code = report(image.error());
    return std::nullopt;
  }
  return *image;
}

int run_video(AppContext& ctx, const VideoOptions& o) {
  GenerateVideosSource source;
  if (!o.prompt.empty() || o.image.empty()) {
    std::optional<std::string> prompt = read_prompt(o.prompt, "prompt");
    if (!prompt) return kExitUsage;
    source.prompt = *prompt;
  }
  if (!o.no_wait && o.wait.output.empty()) {
    std::cerr << "genai: error: -o FILE is required (or --no-wait to print the operation's name)\n";
    return kExitUsage;
  }
  if (!outputs_free(o.wait, static_cast<size_t>(o.n))) return kExitUsage;
  int code = kExitOk;
  GenerateVideosConfig config;
  source.image = read_frame(o.image, &code);
  if (code != kExitOk) return code;
  config.last_frame = read_frame(o.last_frame, &code);
  if (code != kExitOk) return code;
  if (config.last_frame && !source.image) {
    std::cerr << "genai: error: --last-frame needs --image (the first frame)\n";
    return kExitUsage;
  }
  std::optional<Client> client = make_client(ctx.global, &code);
  if (!client) return code;
  if (o.n > 1) config.number_of_videos = o.n;
  if (!o.aspect_ratio.empty()) config.aspect_ratio = o.aspect_ratio;
  if (o.duration > 0) config.duration_seconds = o.duration;
  if (!o.resolution.empty()) config.resolution = o.resolution;
  if (!o.negative_prompt.empty()) config.negative_prompt = o.negative_prompt;
  const std::string model = o.model.empty() ? default_video_model() : o.model;
  Result<GenerateVideosOperation> op = client->models().generate_videos(model, source, config);
  if (!op) return report(op.error());
  if (o.no_wait) {
    std::cout << op->name << "\n";
    return kExitOk;
  }
  std::cerr << tr(lang_of(ctx.global), M::kVideoStarted, {op->name}) << "\n";
  return wait_and_write(ctx.global, *client, op->name, o.wait);
}

void add_wait_flags(CLI::App* cmd, WaitFlags& f, bool output_required_text) {
  cmd->add_option("-o,--output", f.output,
                  output_required_text ? "The MP4 file to write; with --n N, FILE-1 ... FILE-N"
                                       : "Write the videos to FILE (FILE-1 ... for several); default: print the "
                                         "operation as JSON");
  cmd->add_option("--max-wait", f.timeout_s, "Stop waiting after SECONDS (the operation keeps running; default: no limit)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--poll-interval", f.poll_s, "Seconds between the first polls (default 5, growing to 30)")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--force", f.force, "Overwrite existing files");
}

}  // namespace

void add_video_command(CLI::App& app, AppContext& ctx) {
  auto o = std::make_shared<VideoOptions>();
  CLI::App* cmd = app.add_subcommand("video", "Generate videos with Veo and write them to MP4 files");
  cmd->footer(
      "Starts a long-running operation, shows its progress on stderr (a spinner on a terminal, a line per\n"
      "poll otherwise) and writes -o FILE when it is done (FILE-1.mp4 ... for --n N). Ctrl-C or --max-wait\n"
      "stops waiting, not the operation: resume with `genai operations wait NAME -o FILE`. --no-wait prints\n"
      "the operation's name and exits. Works on both backends (--vertex); an existing file is never\n"
      "overwritten unless --force.\n\n"
      "Examples:\n  genai video \"A koi pond at dawn\" -o koi.mp4\n"
      "  genai video --image first.png --aspect-ratio 9:16 --duration 6 \"It starts to rain\" -o rain.mp4\n"
      "  NAME=$(genai video --no-wait \"A lighthouse\") && genai operations wait \"$NAME\" -o lighthouse.mp4");
  cmd->add_option("prompt", o->prompt, "What to film (default: read stdin, unless --image is given)");
  add_wait_flags(cmd, o->wait, true);
  cmd->add_option("--image", o->image, "The first frame (PNG, JPEG, ...)");
  cmd->add_option("--last-frame", o->last_frame, "The last frame (with --image)");
  cmd->add_option("--aspect-ratio", o->aspect_ratio, "16:9 (default) or 9:16");
  cmd->add_option("--duration", o->duration, "Length in seconds (e.g. 4, 6, 8)")->transform(whole_number_in(1, 60));
  cmd->add_option("--resolution", o->resolution, "720p or 1080p");
  cmd->add_option("--negative-prompt", o->negative_prompt, "What to keep out of the video");
  cmd->add_option("-n,--n", o->n, "Number of videos, 1 to 4 (default 1)")->transform(whole_number_in(1, 4));
  cmd->add_option("-m,--model", o->model, "Veo model (default $GENAI_VIDEO_MODEL or veo-3.0-generate-001)");
  cmd->add_flag("--no-wait", o->no_wait, "Print the operation's name and exit without waiting");
  cmd->callback([&ctx, o] { ctx.action = [&ctx, o] { return run_video(ctx, *o); }; });
}

void add_operations_command(CLI::App& app, AppContext& ctx) {
  CLI::App* ops = app.add_subcommand("operations", "Long-running operations (Veo videos): get, wait");
  ops->require_subcommand(1);
  auto name = std::make_shared<std::string>();
  CLI::App* get = ops->add_subcommand("get", "Print an operation's current state as JSON");
  get->add_option("name", *name, "The operation's name, as `genai video --no-wait` printed it")->required();
  get->callback([&ctx, name] {
    ctx.action = [&ctx, name]() -> int {
      int code = kExitOk;
      std::optional<Client> client = make_client(ctx.global, &code);
      if (!client) return code;
      Result<GenerateVideosOperation> op = client->operations().get(*name);
      if (!op) return report(op.error());
      std::cout << op->raw->dump(2) << "\n";
      return op->error ? exit_code_for(*op->error) : kExitOk;
    };
  });
  auto flags = std::make_shared<WaitFlags>();
  CLI::App* wait = ops->add_subcommand("wait", "Wait for an operation, then write its videos (-o) or print it");
  wait->footer("Exit status: 0 when the operation succeeded; the error's exit code when it failed, when --max-wait\n"
               "passed (5) or on Ctrl-C (130).");
  wait->add_option("name", *name, "The operation's name")->required();
  add_wait_flags(wait, *flags, false);
  wait->callback([&ctx, name, flags] {
    ctx.action = [&ctx, name, flags]() -> int {
      if (!outputs_free(*flags, 1)) return kExitUsage;
      int code = kExitOk;
      std::optional<Client> client = make_client(ctx.global, &code);
      if (!client) return code;
      return wait_and_write(ctx.global, *client, *name, *flags);
    };
  });
}

}  // namespace genai::cli
