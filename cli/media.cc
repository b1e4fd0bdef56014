#include "cli/media.h"

#include <algorithm>
#include <cmath>
#include <iostream>

#include "cli/app.h"

namespace genai::cli {
namespace {

void say_wrote(const std::string& path, const Image& image) {
  std::cerr << "wrote " << path << " (" << image.mime_type << ", " << image.image_bytes.size() << " bytes)\n";
}

}  // namespace

std::vector<std::string> numbered_paths(const std::string& path, size_t n) {
  if (n <= 1) return {path};
  const size_t slash = path.rfind('/');
  size_t dot = path.rfind('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash) || dot == slash + 1 || dot == 0) {
    dot = path.size();  // no extension (or a dot file): append the number
  }
  std::vector<std::string> out;
  for (size_t i = 1; i <= n; ++i) out.push_back(path.substr(0, dot) + "-" + std::to_string(i) + path.substr(dot));
  return out;
}

std::string extension_for(const std::string& mime) {
  if (mime == "image/png") return ".png";
  if (mime == "image/jpeg") return ".jpg";
  if (mime == "image/webp") return ".webp";
  if (mime == "image/gif") return ".gif";
  if (mime == "image/heic") return ".heic";
  return ".bin";
}

std::optional<std::vector<Part>> parts_from_files(const std::vector<std::string>& images,
                                                  const std::vector<std::string>& files, int* exit_code) {
  std::vector<Part> parts;
  auto add = [&](const std::string& path, bool must_be_image) {
    if (path.rfind("gs://", 0) == 0) {
      // A Cloud Storage object (Vertex AI reads it itself): a fileData part,
      // its MIME type from the name's extension.
      std::string mime = mime_type_from_extension(path);
      if (must_be_image && mime.rfind("image/", 0) != 0) {
        std::cerr << "genai: error: " << path << " does not name an image (.png, .jpg, ...)\n  fix: pass it with "
                  << "--file instead of --image\n";
        *exit_code = kExitUsage;
        return false;
      }
      parts.push_back(Part::from_uri(path, mime.empty() ? "application/octet-stream" : mime));
      return true;
    }
    Result<Part> p = Part::from_file(path);
    if (!p) {
      *exit_code = report(p.error());
      return false;
    }
    if (must_be_image && p->inline_data->mime_type.rfind("image/", 0) != 0) {
      std::cerr << "genai: error: " << path << " is not an image (its content is " << p->inline_data->mime_type
                << ")\n  fix: pass it with --file instead of --image\n";
      *exit_code = kExitUsage;
      return false;
    }
    parts.push_back(std::move(*p));
    return true;
  };
  for (const std::string& path : images) {
    if (!add(path, true)) return std::nullopt;
  }
  for (const std::string& path : files) {
    if (!add(path, false)) return std::nullopt;
  }
  return parts;
}

int save_image(const Image& image, const std::string& path, bool force) {
  Result<void> saved = image.save(path, force);
  if (!saved) return report(saved.error());
  say_wrote(path, image);
  return kExitOk;
}

int save_answer_images(const std::vector<Image>& images, const std::string& dir) {
  int next = 1;
  for (const Image& image : images) {
    for (;; ++next) {
      const std::string path = (dir.empty() ? "." : dir) + "/image-" + std::to_string(next) + extension_for(image.mime_type);
      Result<void> saved = image.save(path, false);
      if (saved) {
        say_wrote(path, image);
        ++next;
        break;
      }
      if (saved.error().status != "ALREADY_EXISTS") return report(saved.error());
    }
  }
  return kExitOk;
}

int save_answer_audio(const PcmAudio& audio, const std::string& path, const std::string& dir) {
  const bool chosen = !path.empty();
  for (int n = 1;; ++n) {
    const std::string target = chosen ? path : (dir.empty() ? "." : dir) + "/speech-" + std::to_string(n) + ".wav";
    Result<void> saved = audio.save_wav(target, chosen);
    if (saved) {
      const double seconds =
          static_cast<double>(audio.samples.size()) / (2.0 * audio.channels * std::max(1, audio.sample_rate));
      std::cerr << "wrote " << target << " (audio/wav, " << audio.sample_rate << " Hz, "
                << std::round(seconds * 10) / 10 << " s)\n";
      return kExitOk;
    }
    if (chosen || saved.error().status != "ALREADY_EXISTS") return report(saved.error());
  }
}

}  // namespace genai::cli
