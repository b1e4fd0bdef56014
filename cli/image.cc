// genai image: Imagen's generate_images, written to files.
#include <sys/stat.h>

#include <iostream>

#include "cli/app.h"
#include "cli/media.h"
#include "cli/number_flags.h"

namespace genai::cli {
namespace {

struct ImageOptions {
  std::vector<std::string> prompt;
  std::string output;
  int n = 1;
  std::string aspect_ratio;
  std::string model;
  std::string negative_prompt;
  int seed = -1;
  bool force = false;
};

std::string default_image_model() {
  const char* m = std::getenv("GENAI_IMAGE_MODEL");
  return m && *m ? m : "imagen-4.0-generate-001";
}

bool exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

int run_image(AppContext& ctx, const ImageOptions& o) {
  std::optional<std::string> prompt = read_prompt(o.prompt, "prompt");
  if (!prompt) return kExitUsage;
  const std::vector<std::string> paths = numbered_paths(o.output, static_cast<size_t>(o.n));
  // Checked before the (billed) call; save() checks again atomically.
  if (!o.force) {
    for (const std::string& p : paths) {
      if (exists(p)) {
        std::cerr << "genai: error: " << p << " already exists\n  fix: choose another -o name, or pass --force to "
                  << "overwrite it\n";
        return kExitUsage;
      }
    }
  }
  int code = kExitOk;
  std::optional<Client> client = make_client(ctx.global, &code);
  if (!client) return code;

  GenerateImagesConfig config;
  config.number_of_images = o.n;
  if (!o.aspect_ratio.empty()) config.aspect_ratio = o.aspect_ratio;
  if (!o.negative_prompt.empty()) config.negative_prompt = o.negative_prompt;
  if (o.seed >= 0) {
    config.seed = o.seed;
    // Vertex AI watermarks by default, and refuses a seed with a watermark.
    if (client->config().vertexai) config.add_watermark = false;
  }
  config.include_rai_reason = true;
  const std::string model = o.model.empty() ? default_image_model() : o.model;
  Result<GenerateImagesResponse> r = client->models().generate_images(model, *prompt, config);
  if (!r) return report(r.error());

  size_t written = 0;
  for (const GeneratedImage& g : r->generated_images) {
    if (!g.image || g.image->image_bytes.empty()) {
      std::cerr << "genai: an image was filtered out"
                << (g.rai_filtered_reason ? ": " + *g.rai_filtered_reason : std::string()) << "\n";
      continue;
    }
    if (written >= paths.size()) break;
    if (int c = save_image(*g.image, paths[written], o.force); c != kExitOk) return c;
    ++written;
  }
  if (written == 0) {
    std::cerr << "genai: error: the model returned no image\n  fix: rephrase the prompt\n";
    return kExitApi;
  }
  if (written < paths.size()) std::cerr << "genai: " << written << " of " << paths.size() << " images written\n";
  return kExitOk;
}

}  // namespace

void add_image_command(CLI::App& app, AppContext& ctx) {
  auto o = std::make_shared<ImageOptions>();
  CLI::App* cmd = app.add_subcommand("image", "Generate images with Imagen and write them to files");
  cmd->footer(
      "Writes -o FILE for one image, FILE-1.png ... FILE-N.png for --n N (the names written are printed on\n"
      "stderr). An existing file is never overwritten unless --force. Works on both backends (--vertex).\n"
      "--negative-prompt and --seed are Vertex AI only; with --seed the watermark is turned off, as Vertex\n"
      "AI requires.\n\n"
      "Examples:\n  genai image \"A lighthouse at dusk\" -o lighthouse.png\n"
      "  genai image --n 4 --aspect-ratio 16:9 \"Mountains\" -o mountains.png\n"
      "  genai --vertex image --seed 7 --negative-prompt \"people\" \"A quiet beach\" -o beach.png");
  cmd->add_option("prompt", o->prompt, "What to draw (default: read stdin)");
  cmd->add_option("-o,--output", o->output, "The file to write (PNG); with --n N, FILE-1 ... FILE-N")->required();
  cmd->add_option("-n,--n", o->n, "Number of images, 1 to 4 (default 1)")->transform(whole_number_in(1, 4));
  cmd->add_option("--aspect-ratio", o->aspect_ratio, "1:1 (default), 3:4, 4:3, 9:16 or 16:9");
  cmd->add_option("-m,--model", o->model, "Imagen model (default $GENAI_IMAGE_MODEL or imagen-4.0-generate-001)");
  cmd->add_option("--negative-prompt", o->negative_prompt, "What to keep out of the image (Vertex AI only)");
  cmd->add_option("--seed", o->seed, "Random seed, for repeatable images (Vertex AI only)")
      ->transform(whole_number_in(0, kIntMax));
  cmd->add_flag("--force", o->force, "Overwrite existing files");
  cmd->callback([&ctx, o] { ctx.action = [&ctx, o] { return run_image(ctx, *o); }; });
}

}  // namespace genai::cli
