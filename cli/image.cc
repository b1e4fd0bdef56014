// genai image: Imagen's generate_images, written to files; and `genai image
// edit` / `genai image upscale` (Vertex AI), edit_image and upscale_image.
#include <sys/stat.h>

#include <cctype>
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

// The files -o names for `n` images, or nullopt (with the error printed) when
// -o is missing or one exists and --force is not given. Checked before the
// (billed) call; save() checks again atomically.
std::optional<std::vector<std::string>> output_paths(const std::string& output, int n, bool force) {
  if (output.empty()) {
    std::cerr << "genai: error: -o FILE is required\n  fix: name the PNG file to write, e.g. -o out.png\n";
    return std::nullopt;
  }
  std::vector<std::string> paths = numbered_paths(output, static_cast<size_t>(n));
  if (!force) {
    for (const std::string& p : paths) {
      if (exists(p)) {
        std::cerr << "genai: error: " << p << " already exists\n  fix: choose another -o name, or pass --force to "
                  << "overwrite it\n";
        return std::nullopt;
      }
    }
  }
  return paths;
}

// Writes the images of `r` to `paths`, saying which were filtered out.
int write_images(const GenerateImagesResponse& r, const std::vector<std::string>& paths, bool force) {
  size_t written = 0;
  for (const GeneratedImage& g : r.generated_images) {
    if (!g.image || g.image->image_bytes.empty()) {
      std::cerr << "genai: an image was filtered out"
                << (g.rai_filtered_reason ? ": " + *g.rai_filtered_reason : std::string()) << "\n";
      continue;
    }
    if (written >= paths.size()) break;
    if (int c = save_image(*g.image, paths[written], force); c != kExitOk) return c;
    ++written;
  }
  if (written == 0) {
    std::cerr << "genai: error: the model returned no image\n  fix: rephrase the prompt\n";
    return kExitApi;
  }
  if (written < paths.size()) std::cerr << "genai: " << written << " of " << paths.size() << " images written\n";
  return kExitOk;
}

std::optional<Image> load_image(const std::string& path) {
  Result<Image> image = Image::from_file(path);
  if (!image) {
    report(image.error());
    return std::nullopt;
  }
  return std::move(*image);
}

int run_image(AppContext& ctx, const ImageOptions& o) {
  std::optional<std::string> prompt = read_prompt(o.prompt, "prompt");
  if (!prompt) return kExitUsage;
  const std::optional<std::vector<std::string>> paths = output_paths(o.output, o.n, o.force);
  if (!paths) return kExitUsage;
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
  return write_images(*r, *paths, o.force);
}

struct EditOptions {
  std::string image;
  std::vector<std::string> prompt;
  std::string output;
  std::string mask;
  std::string mask_mode;
  std::string mode;
  int n = 1;
  std::string model = "imagen-3.0-capability-001";
  bool force = false;
};

// "inpaint-insertion" -> "EDIT_MODE_INPAINT_INSERTION"; "background" -> "MASK_MODE_BACKGROUND".
std::string enum_name(const char* prefix, std::string value) {
  for (char& ch : value) ch = ch == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return std::string(prefix) + value;
}

int run_edit(AppContext& ctx, const EditOptions& o) {
  std::optional<std::string> prompt = read_prompt(o.prompt, "prompt");
  if (!prompt) return kExitUsage;
  const std::optional<std::vector<std::string>> paths = output_paths(o.output, o.n, o.force);
  if (!paths) return kExitUsage;
  std::optional<Image> raw = load_image(o.image);
  if (!raw) return kExitUsage;
  std::vector<ReferenceImage> refs = {ReferenceImage::raw(1, std::move(*raw))};
  if (!o.mask.empty()) {
    std::optional<Image> mask = load_image(o.mask);
    if (!mask) return kExitUsage;
    refs.push_back(ReferenceImage::mask(2, {.mask_mode = "MASK_MODE_USER_PROVIDED"}, std::move(*mask)));
  } else if (!o.mask_mode.empty()) {
    refs.push_back(ReferenceImage::mask(2, {.mask_mode = enum_name("MASK_MODE_", o.mask_mode)}));
  }
  int code = kExitOk;
  std::optional<Client> client = make_client(ctx.global, &code);
  if (!client) return code;
  EditImageConfig config;
  config.number_of_images = o.n;
  config.include_rai_reason = true;
  if (!o.mode.empty()) config.edit_mode = enum_name("EDIT_MODE_", o.mode);
  Result<EditImageResponse> r = client->models().edit_image(o.model, *prompt, refs, config);
  if (!r) return report(r.error());
  return write_images(*r, *paths, o.force);
}

struct UpscaleOptions {
  std::string image;
  std::string output;
  std::string factor = "x2";
  std::string model = "imagen-4.0-upscale-preview";
  bool force = false;
};

int run_upscale(AppContext& ctx, const UpscaleOptions& o) {
  const std::optional<std::vector<std::string>> paths = output_paths(o.output, 1, o.force);
  if (!paths) return kExitUsage;
  std::optional<Image> image = load_image(o.image);
  if (!image) return kExitUsage;
  int code = kExitOk;
  std::optional<Client> client = make_client(ctx.global, &code);
  if (!client) return code;
  UpscaleImageConfig config;
  config.include_rai_reason = true;
  Result<UpscaleImageResponse> r = client->models().upscale_image(o.model, *image, o.factor, config);
  if (!r) return report(r.error());
  return write_images(*r, *paths, o.force);
}

void add_edit_subcommand(CLI::App& image, AppContext& ctx) {
  auto o = std::make_shared<EditOptions>();
  CLI::App* cmd = image.add_subcommand("edit", "Edit an image with Imagen (Vertex AI)");
  cmd->footer(
      "The prompt refers to the image as [1]. Without a mask the model decides what to change; with\n"
      "--mask FILE (white: change, black: keep) or --mask-mode it changes only that part.\n\n"
      "Examples:\n  genai --vertex image edit photo.png \"Put [1] on a beach\" --mode bgswap --mask-mode background -o beach.png\n"
      "  genai --vertex image edit room.png \"A cat on the sofa\" --mask sofa-mask.png --mode inpaint-insertion -o cat.png");
  cmd->add_option("image", o->image, "The image to edit (PNG, JPEG, GIF or WebP)")->required();
  cmd->add_option("prompt", o->prompt, "What to change (default: read stdin)");
  cmd->add_option("-o,--output", o->output, "The file to write (PNG); with --n N, FILE-1 ... FILE-N");
  CLI::Option* mask = cmd->add_option("--mask", o->mask, "A mask image: white where the image may change");
  cmd->add_option("--mask-mode", o->mask_mode, "Let the model make the mask: background, foreground or semantic")
      ->check(CLI::IsMember({"background", "foreground", "semantic"}))
      ->excludes(mask);
  cmd->add_option("--mode", o->mode,
                  "inpaint-insertion, inpaint-removal, outpaint, bgswap, product-image or default")
      ->check(CLI::IsMember({"inpaint-insertion", "inpaint-removal", "outpaint", "bgswap", "product-image",
                             "controlled-editing", "style", "default"}));
  cmd->add_option("-n,--n", o->n, "Number of images, 1 to 4 (default 1)")->transform(whole_number_in(1, 4));
  cmd->add_option("-m,--model", o->model, "Imagen model that edits (default imagen-3.0-capability-001)");
  cmd->add_flag("--force", o->force, "Overwrite existing files");
  cmd->callback([&ctx, o] { ctx.action = [&ctx, o] { return run_edit(ctx, *o); }; });
}

void add_upscale_subcommand(CLI::App& image, AppContext& ctx) {
  auto o = std::make_shared<UpscaleOptions>();
  CLI::App* cmd = image.add_subcommand("upscale", "Upscale an image 2x or 4x with Imagen (Vertex AI)");
  cmd->footer(
      "The result may be at most 17 megapixels (a 1024x1024 image upscales to 4096x4096).\n\n"
      "Example:\n  genai --vertex image upscale lighthouse.png --factor x4 -o lighthouse-4x.png");
  cmd->add_option("image", o->image, "The image to upscale (PNG, JPEG, GIF or WebP)")->required();
  cmd->add_option("-o,--output", o->output, "The file to write (PNG)");
  cmd->add_option("--factor", o->factor, "x2 (default) or x4")->check(CLI::IsMember({"x2", "x4"}));
  cmd->add_option("-m,--model", o->model, "Imagen model that upscales (default imagen-4.0-upscale-preview)");
  cmd->add_flag("--force", o->force, "Overwrite an existing file");
  cmd->callback([&ctx, o] { ctx.action = [&ctx, o] { return run_upscale(ctx, *o); }; });
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
  cmd->add_option("-o,--output", o->output, "The file to write (PNG); with --n N, FILE-1 ... FILE-N");
  cmd->add_option("-n,--n", o->n, "Number of images, 1 to 4 (default 1)")->transform(whole_number_in(1, 4));
  cmd->add_option("--aspect-ratio", o->aspect_ratio, "1:1 (default), 3:4, 4:3, 9:16 or 16:9");
  cmd->add_option("-m,--model", o->model, "Imagen model (default $GENAI_IMAGE_MODEL or imagen-4.0-generate-001)");
  cmd->add_option("--negative-prompt", o->negative_prompt, "What to keep out of the image (Vertex AI only)");
  cmd->add_option("--seed", o->seed, "Random seed, for repeatable images (Vertex AI only)")
      ->transform(whole_number_in(0, kIntMax));
  cmd->add_flag("--force", o->force, "Overwrite existing files");
  add_edit_subcommand(*cmd, ctx);
  add_upscale_subcommand(*cmd, ctx);
  // `genai image edit ...` runs the subcommand, not this.
  cmd->callback([&ctx, o, cmd] {
    if (!cmd->get_subcommands().empty()) return;
    ctx.action = [&ctx, o] { return run_image(ctx, *o); };
  });
}

}  // namespace genai::cli
